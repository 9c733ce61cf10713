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
import type { NewQuote, QuoteCheck } from './quote.ts';
import type { NewPoll } from './post-writer.ts';
import type { Status } from './views.ts';
import type { KeptVersion } from '../../store/schema/index.ts';
import { composeVersions } from './versions.ts';

export interface CheckedPost {
  parent: Status | undefined;
  media: MediaRow[];
  poll: NewPoll | undefined;
  /** the status it quotes, checked (see quote) */
  quote: NewQuote | undefined;
  composed: Composed;
  /** its versions in other languages, rendered */
  versions: KeptVersion[];
}

export type PostChecks = (author: Account, user: User, input: PostInput) => Promise<CheckedPost>;

export function createPostChecks(deps: { db: Db; ids: IdGenerator; composer: Composer; access: StatusAccess; checkQuote: QuoteCheck }) {
  const { db, ids, composer, access, checkQuote } = deps;

  return async function checkPost(author: Account, user: User, input: PostInput): ReturnType<PostChecks> {
    const parent = input.inReplyToId ? await access.visible(author.id, input.inReplyToId) : undefined;
    if (parent?.reblogOfId) throw new ValidationError({ in_reply_to_id: [{ error: 'ERR_INVALID', description: 'cannot be a reblog' }] });
    const media = await attachable(db, author.id, input.mediaIds ?? [], { scheduledId: input.scheduledId });
    if (input.poll && media.length > 0) throw new ValidationError({ poll: [{ error: 'ERR_INVALID', description: 'cannot be used together with media attachments' }] });
    const poll = input.poll ? { id: ids(), ...checkPoll(input.poll) } : undefined;
    const quote = input.quotedStatusId ? await checkQuote(author, input.quotedStatusId) : undefined;
    const primary = await composer.compose(
      { text: input.text, spoilerText: input.spoilerText, language: input.language, carriesContent: media.length > 0 },
      { language: user.settings.defaultLanguage },
    );
    const { composed, versions } = await composeVersions(composer, primary, input.versions ?? []);
    return { parent, media, poll, quote, composed, versions };
  };
}
