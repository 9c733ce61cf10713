// What a new post must pass before it is written, or scheduled: the status it answers, its uploads,
// its poll and its text. A scheduled post is checked when scheduled and again when it is made.
import type { Db } from '../../store/db.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import type { Account, User } from '../accounts/service.ts';
import { ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { attachable } from '../media/attach.ts';
import type { StatusAccess } from './access.ts';
import type { Composed, Composer } from './compose.ts';
import { checkPoll } from './poll-input.ts';
import type { PostInput } from './post.ts';
import type { NewPoll } from './post-writer.ts';
import type { Status } from './views.ts';

export interface CheckedPost {
  parent: Status | undefined;
  media: MediaRow[];
  poll: NewPoll | undefined;
  composed: Composed;
}

export type PostChecks = (author: Account, user: User, input: PostInput) => Promise<CheckedPost>;

export function createPostChecks(deps: { db: Db; ids: IdGenerator; composer: Composer; access: StatusAccess }) {
  const { db, ids, composer, access } = deps;

  return async function checkPost(author: Account, user: User, input: PostInput): ReturnType<PostChecks> {
    const parent = input.inReplyToId ? await access.visible(author.id, input.inReplyToId) : undefined;
    if (parent?.reblogOfId) throw new ValidationError({ in_reply_to_id: [{ error: 'ERR_INVALID', description: 'cannot be a reblog' }] });
    const media = await attachable(db, author.id, input.mediaIds ?? [], { scheduledId: input.scheduledId });
    if (input.poll && media.length > 0) throw new ValidationError({ poll: [{ error: 'ERR_INVALID', description: 'cannot be used together with media attachments' }] });
    const poll = input.poll ? { id: ids(), ...checkPoll(input.poll) } : undefined;
    const composed = await composer.compose(
      { text: input.text, spoilerText: input.spoilerText, language: input.language, carriesContent: media.length > 0 },
      { language: user.settings.defaultLanguage },
    );
    return { parent, media, poll, composed };
  };
}
