// The outbox: each event the core recorded becomes an ActivityPub activity (one builder each, in
// activities/), handed to Fedify, which signs it and delivers one per inbox (shared inboxes
// preferred) through the durable queue, retrying with back-off.
import type { Context, Federation } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import type { OutboxEvent, RemoteRecipient } from '../core/outbox.ts';
import { undoAnnounceOf } from './activities/announce.ts';
import { answerOf } from './activities/answer.ts';
import { carriesMediaTerms } from './activities/attachment.ts';
import { blockOf } from './activities/block.ts';
import { deleteOf } from './activities/delete.ts';
import { followOf } from './activities/follow.ts';
import { likeOf } from './activities/like.ts';
import { noteOf } from './activities/note.ts';
import { publishedOf } from './activities/published.ts';
import { undoOf } from './activities/undo.ts';
import { updateOfNote, updateOfPerson } from './activities/update.ts';
import { personOf } from './actors.ts';
import { createPollDelivery } from './poll-delivery.ts';
import { createQuoteDelivery } from './quote-delivery.ts';

const toRecipient = (r: RemoteRecipient) => ({
  id: new URL(r.uri),
  inboxId: new URL(r.inboxUrl),
  endpoints: { sharedInbox: r.sharedInboxUrl ? new URL(r.sharedInboxUrl) : null },
});

export type Handlers = { [T in OutboxEvent['type']]: (ctx: Context<void>, event: Extract<OutboxEvent, { type: T }>) => Promise<void> };

export function createDelivery(deps: { federation: Federation<void>; core: Core; origin: string }) {
  const { federation, core, origin } = deps;

  async function send(ctx: Context<void>, from: Account, to: RemoteRecipient[], activity: Activity): Promise<void> {
    if (to.length === 0 || from.domain) return;
    await ctx.sendActivity({ identifier: from.username }, to.map(toRecipient), activity, { preferSharedInbox: true, fanout: carriesMediaTerms(activity) ? 'skip' : 'auto' });
  }

  async function accounts(...ids: string[]): Promise<(Account | undefined)[]> {
    const found = await core.accounts.byIds(ids);
    return ids.map((id) => found.find((a) => a.id === id));
  }

  const polls = createPollDelivery({ core, send });

  const one = (accountId: string) => core.outbox.recipients('0', { followers: false, accountIds: [accountId] });

  async function status(ctx: Context<void>, event: { type: 'status.created' | 'status.updated'; statusId: string }): Promise<void> {
    const view = await core.statusViews.forDelivery(event.statusId);
    if (!view || view.account.account.domain) return;
    const author = view.account.account;
    const to = await core.outbox.recipients(author.id, { followers: view.status.visibility !== 'direct', accountIds: await core.outbox.participants(view.status.id) });
    const activity = event.type === 'status.created' || view.reblog ? await publishedOf(ctx, core, view) : updateOfNote(ctx, author.username, await noteOf(ctx, core, view), view.status.editedAt);
    return send(ctx, author, to, activity);
  }

  const handlers: Handlers = {
    'status.created': status,
    'status.updated': status,
    async 'status.deleted'(ctx, event) {
      const [author] = await accounts(event.authorId);
      if (!author) return;
      const extra = [...event.mentionedIds];
      const original = event.reblogOfId ? await core.remoteStatuses.addressOf(event.reblogOfId) : undefined;
      if (original) extra.push(original.accountId);
      const activity = event.reblogOfId ? undoAnnounceOf(ctx, author.username, event.statusId, original) : deleteOf(ctx, author.username, event.statusId);
      const to = await core.outbox.recipients(author.id, { followers: event.visibility !== 'direct', accountIds: extra });
      return send(ctx, author, to, activity);
    },
    favourite: (ctx, event) => favourite(ctx, event),
    unfavourite: (ctx, event) => favourite(ctx, event),
    follow: (ctx, event) => follow(ctx, event),
    unfollow: (ctx, event) => follow(ctx, event),
    'follow.accepted': (ctx, event) => answer(ctx, event),
    'follow.rejected': (ctx, event) => answer(ctx, event),
    block: (ctx, event) => block(ctx, event),
    unblock: (ctx, event) => block(ctx, event),
    'poll.voted': (ctx, event) => polls.voted(ctx, event),
    'poll.updated': (ctx, event) => polls.updated(ctx, event),
    ...createQuoteDelivery({ core, send }),
    async 'account.updated'(ctx, event) {
      const [account] = await accounts(event.accountId);
      if (!account || account.domain) return;
      const activity = updateOfPerson(ctx, account.username, await personOf(ctx, account, origin));
      return send(ctx, account, await core.outbox.recipients(account.id, { followers: true, accountIds: [] }), activity);
    },
  };

  async function favourite(ctx: Context<void>, event: Extract<OutboxEvent, { type: 'favourite' | 'unfavourite' }>): Promise<void> {
    const [actor] = await accounts(event.accountId);
    const target = await core.remoteStatuses.addressOf(event.statusId);
    if (!actor || !target) return;
    const like = likeOf(ctx, actor.username, event.favouriteId, target);
    return send(ctx, actor, await one(target.accountId), event.type === 'favourite' ? like : undoOf(like));
  }

  async function follow(ctx: Context<void>, event: Extract<OutboxEvent, { type: 'follow' | 'unfollow' }>): Promise<void> {
    const [actor, target] = await accounts(event.accountId, event.targetId);
    if (!actor || !target) return;
    const activity = followOf(ctx, actor.username, event.followId, target);
    return send(ctx, actor, await one(target.id), event.type === 'follow' ? activity : undoOf(activity));
  }

  /** account: the remote follower; target: the local account it asked to follow. */
  async function answer(ctx: Context<void>, event: Extract<OutboxEvent, { type: 'follow.accepted' | 'follow.rejected' }>): Promise<void> {
    const [follower, target] = await accounts(event.accountId, event.targetId);
    if (!follower || !target || !event.uri) return;
    return send(ctx, target, await one(follower.id), answerOf(ctx, event.type === 'follow.accepted', target.username, follower, event.uri));
  }

  async function block(ctx: Context<void>, event: Extract<OutboxEvent, { type: 'block' | 'unblock' }>): Promise<void> {
    const [actor, target] = await accounts(event.accountId, event.targetId);
    if (!actor || !target) return;
    const activity = blockOf(ctx, actor.username, event.blockId, target);
    return send(ctx, actor, await one(target.id), event.type === 'block' ? activity : undoOf(activity));
  }

  return {
    handle(event: OutboxEvent): Promise<void> {
      const ctx = federation.createContext(new URL(origin), undefined);
      return (handlers[event.type] as (ctx: Context<void>, event: OutboxEvent) => Promise<void>)(ctx, event);
    },
  };
}
