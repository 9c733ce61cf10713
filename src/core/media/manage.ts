// The uploader's own verbs on a media: describe it (alt text, focal point), read it, delete it
// while unattached, and wait for its processing.
import type { Bus } from '../../infra/bus.ts';
import type { Db } from '../../store/db.ts';
import { deleteMediaRow, mediaById, updateMediaDetails } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import type { Account } from '../accounts/types.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { isId } from '../ids.ts';
import { checkDetails, type MediaDetails } from './details.ts';
import { processedChannel } from './process.ts';
import type { MediaStorage } from './storage.ts';
import { releaseFiles } from './release.ts';

export function createManageMedia(deps: { db: Db; bus: Bus; storage: MediaStorage }) {
  const { db, bus, storage } = deps;

  /** The actor's own media (another's is "not found", as Mastodon answers). */
  async function own(actor: Account, id: string): Promise<MediaRow> {
    // Anything but a well-formed id names nothing (and never reaches PostgreSQL's bigint).
    const row = isId(id) ? await mediaById(db, id) : undefined;
    if (!row || row.accountId !== actor.id) throw new NotFoundError();
    return row;
  }

  /** Before it is posted: an attachment is changed with its post's edit (as Mastodon does). */
  async function unattached(actor: Account, id: string): Promise<MediaRow> {
    const row = await own(actor, id);
    if (row.statusId !== null) throw new NotFoundError();
    return row;
  }

  return {
    own,
    unattached,

    async describe(actor: Account, id: string, details: MediaDetails): Promise<MediaRow> {
      await unattached(actor, id);
      await updateMediaDetails(db, id, checkDetails(details));
      return own(actor, id);
    },

    async remove(actor: Account, id: string): Promise<void> {
      const row = await own(actor, id);
      if (row.statusId !== null) throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'Media attached to a post cannot be deleted: delete the post' }] });
      if (row.scheduledStatusId !== null) throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'Media of a scheduled post cannot be deleted: cancel the post' }] });
      const deleted = await deleteMediaRow(db, id);
      if (deleted) await releaseFiles(db, storage, [deleted]);
    },

    /** The media once processed (or failed), or as it is after `timeoutMs`. */
    async whenProcessed(actor: Account, id: string, timeoutMs: number): Promise<MediaRow> {
      let wake!: () => void;
      const woken = new Promise<void>((r) => (wake = r));
      const unsubscribe = await bus.subscribe(processedChannel(id), () => wake());
      try {
        const row = await own(actor, id);
        if (row.state !== 'processing' || timeoutMs <= 0) return row;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([woken, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
        clearTimeout(timer);
        return own(actor, id);
      } finally {
        await unsubscribe();
      }
    },
  };
}
