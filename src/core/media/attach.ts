// Which uploads a post (or an edit) may carry: at most four, the author's own, processed, and not
// already on another post nor reserved by a scheduled one; their order is the order given.
import type { DbOrTx } from '../../store/db.ts';
import { attachMedia, ownMedia } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import { isId } from '../ids.ts';
import { ValidationError } from '../errors.ts';

export const MAX_ATTACHMENTS = 4;

const refuse = (description: string) => new ValidationError({ media_ids: [{ error: 'ERR_INVALID', description }] });

/**
 * The media to attach, checked. `statusId` is the post being edited (its own media may stay);
 * `scheduledId` the scheduled post being made (the media it reserved are its own).
 */
export async function attachable(db: DbOrTx, accountId: string, ids: readonly string[], owner: { statusId?: string; scheduledId?: string | undefined } = {}): Promise<MediaRow[]> {
  const { statusId, scheduledId } = owner;
  if (ids.length === 0) return [];
  if (new Set(ids).size !== ids.length) throw refuse('lists a media twice');
  if (ids.length > MAX_ATTACHMENTS) throw refuse(`may hold at most ${MAX_ATTACHMENTS} attachments`);
  const found = ids.every(isId) ? await ownMedia(db, accountId, [...ids]) : [];
  if (found.length !== ids.length) throw refuse('names a media that does not exist or is not yours');
  for (const m of found) {
    if (m.statusId !== null && m.statusId !== statusId) throw refuse(`media ${m.id} is already attached to another post`);
    if (m.scheduledStatusId !== null && m.scheduledStatusId !== scheduledId) throw refuse(`media ${m.id} is reserved by a scheduled post`);
    if (m.state === 'processing') throw refuse(`media ${m.id} has not finished processing`);
    if (m.state === 'failed') throw refuse(`media ${m.id} could not be processed`);
  }
  return found;
}

/** Inside the post's transaction: the status carries exactly these media, in this order. */
export async function attach(tx: DbOrTx, statusId: string, media: readonly MediaRow[]): Promise<void> {
  await attachMedia(
    tx,
    statusId,
    media.map((m) => m.id),
  );
}
