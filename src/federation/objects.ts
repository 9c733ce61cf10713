// The kinds of post object Parley reads from other servers and serves for its own statuses. Each
// kind says how to recognise it and how it becomes (or is read from) a status; a new kind (an
// Article, an Event) is one entry here, and the inbox takes it from this list. A local status
// is served at one URL whatever its kind (a Question when it has a poll, see activities/note); the
// authorizations of quotes of local posts are served here too.
import type { Context, Federation } from '@fedify/fedify';
import { type Activity, Note, Question, QuoteAuthorization, type Object as APObject } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import { isId } from '../core/ids.ts';
import { noteOf } from './activities/note.ts';
import { quoteAuthorizationOf } from './activities/quote-authorization.ts';
import { statusUri } from './uris.ts';
import { receiveVote, voteTarget } from './polls-in.ts';
import type { Remote } from './remote.ts';

export interface PostKind<T extends APObject = APObject> {
  name: string;
  is(object: unknown): object is T;
  /** stores a remote object of this kind sent by `sender` in the activity `via`; its status id */
  receive(ctx: Context<void>, object: T, sender: Account, via: Activity): Promise<string | null>;
  /** applies a remote edit of an object of this kind */
  revise(ctx: Context<void>, object: T, sender: Account, via: Activity): Promise<void>;
}

export function postKinds(remote: Remote, core: Core): PostKind[] {
  const note: PostKind<Note> = {
    name: 'Note',
    is: (object): object is Note => object instanceof Note,
    // A vote in one of our polls is counted, never shown as a reply.
    async receive(ctx, object, sender, via) {
      if (!voteTarget(ctx, object)) return remote.receive(ctx, object, { sender, via });
      await receiveVote(ctx, core, object, sender);
      return null;
    },
    revise: (ctx, object, sender, via) => remote.revise(ctx, object, sender, via),
  };
  const question: PostKind<Question> = {
    name: 'Question',
    is: (object): object is Question => object instanceof Question,
    receive: (ctx, object, sender, via) => remote.receive(ctx, object, { sender, via }),
    revise: (ctx, object, sender, via) => remote.revise(ctx, object, sender, via),
  };
  return [note as unknown as PostKind, question as unknown as PostKind];
}

/** The kind `object` is, if Parley reads it. */
export const kindOf = (kinds: PostKind[], object: unknown): PostKind | undefined => kinds.find((k) => k.is(object));

/**
 * A local status's own URL answers with its object when it is public or unlisted; other statuses
 * are only ever delivered to their audience.
 */
export function setPostObjects(federation: Federation<void>, core: Core): void {
  federation.setObjectDispatcher(Note, '/users/{identifier}/statuses/{id}', async (ctx, values) => {
    const view = await core.statusViews.one(null, values.id).catch(() => undefined);
    if (!view || view.reblog || view.account.account.username !== values.identifier || view.account.account.domain) return null;
    return noteOf(ctx, core, view);
  });
  // The authorizations local authors gave quotes of their posts, while they stand (FEP-044f).
  federation.setObjectDispatcher(QuoteAuthorization, '/users/{identifier}/quote_authorizations/{id}', async (ctx, values) => {
    const quote = isId(values.id) ? await core.statuses.quoteById(values.id) : undefined;
    if (quote?.state !== 'accepted' || !quote.quotedStatusId) return null;
    const [quoting, quoted] = await Promise.all([core.remoteStatuses.addressOf(quote.statusId), core.remoteStatuses.addressOf(quote.quotedStatusId)]);
    if (!quoting || !quoted?.local || quoted.username !== values.identifier) return null;
    return quoteAuthorizationOf(ctx, values.identifier, quote.id, statusUri(ctx, quoting), statusUri(ctx, quoted));
  });
}
