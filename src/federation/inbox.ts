// Activities other servers send to our inboxes, turned into core calls. Fedify has checked the
// signature (the actor sent it) before any of this runs. An activity that has no effect leaves a
// debug line with its id and the reason (see inbox-steps); the listeners are in inbox-relations
// (between accounts), inbox-posts (about posts) and inbox-quotes (quotes between servers).
import type { Federation } from '@fedify/fedify';
import { Accept, Activity, Announce, Block, Create, Delete, Follow, Like, QuoteRequest, Reject, Undo, Update } from '@fedify/vocab';
import type { Core } from '../core/index.ts';
import type { Log } from '../infra/log.ts';
import { announced, created, deleted, liked, updated } from './inbox-posts.ts';
import { answered, blocked, followed, undone } from './inbox-relations.ts';
import { answersQuoteRequest, quoteAnswered, quoteRequested } from './inbox-quotes.ts';
import { createInboxSteps } from './inbox-steps.ts';
import { postKinds } from './objects.ts';
import type { Remote } from './remote.ts';

export function setInboxListeners(federation: Federation<void>, core: Core, remote: Remote, log: Log): void {
  const kinds = postKinds(remote, core);
  const steps = createInboxSteps(core, remote, log);
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Follow, (ctx, follow) => followed(core, steps, ctx, follow))
    .on(Accept, (ctx, accept) =>
      answersQuoteRequest(ctx, accept) ? quoteAnswered(core, steps, ctx, accept) : answered(steps, ctx, accept, (actor, follower) => core.relations.authorizeRequest(actor, follower.id)),
    )
    .on(Reject, (ctx, reject) =>
      answersQuoteRequest(ctx, reject) ? quoteAnswered(core, steps, ctx, reject) : answered(steps, ctx, reject, (actor, follower) => core.relations.rejectRequest(actor, follower.id)),
    )
    .on(QuoteRequest, (ctx, request) => quoteRequested(core, remote, steps, ctx, request))
    .on(Undo, (ctx, undo) => undone(core, steps, ctx, undo))
    .on(Create, (ctx, create) => created(kinds, steps, ctx, create))
    .on(Update, (ctx, update) => updated(kinds, remote, steps, ctx, update))
    .on(Delete, (ctx, del) => deleted(core, steps, ctx, del))
    .on(Announce, (ctx, announce) => announced(core, steps, ctx, announce))
    .on(Like, (ctx, like) => liked(core, steps, ctx, like))
    .on(Block, (ctx, block) => blocked(core, steps, ctx, block))
    // Fedify calls the most specific listener: this one hears the types Parley does not act on.
    .on(Activity, async (_ctx, activity) => steps.ignored(activity, 'Parley does not act on this type of activity'))
    .onError((_ctx, error) => log.error(`inbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}
