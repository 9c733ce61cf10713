// The outbox: each event the core recorded becomes ActivityPub activities, handed to Fedify, which
// signs them and delivers one per inbox (shared inboxes preferred) through the durable queue,
// retrying with back-off.
import type { Context, Federation } from '@fedify/fedify';
import { Accept, Announce, Block, Delete, Follow, Like, PUBLIC_COLLECTION, Reject, Undo, Update, type Activity } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import type { OutboxEvent, RemoteRecipient } from '../core/outbox.ts';
import { personOf } from './actors.ts';
import type { Notes } from './notes.ts';
import { activityUri, actorUri, statusActivityUri, statusUri } from './uris.ts';

/** Withdraws an activity we sent (a like, a follow, a block): named after it, by the same actor. */
const undoOf = (activity: Like | Follow | Block): Undo => new Undo({ id: new URL(`${activity.id!.href}/undo`), actor: activity.actorId, object: activity });

const toRecipient = (r: RemoteRecipient) => ({
  id: new URL(r.uri),
  inboxId: new URL(r.inboxUrl),
  endpoints: { sharedInbox: r.sharedInboxUrl ? new URL(r.sharedInboxUrl) : null },
});

export function createDelivery(deps: { federation: Federation<void>; core: Core; notes: Notes; origin: string }) {
  const { federation, core, notes, origin } = deps;

  async function send(ctx: Context<void>, from: Account, to: RemoteRecipient[], activity: Activity): Promise<void> {
    if (to.length === 0 || from.domain) return;
    await ctx.sendActivity({ identifier: from.username }, to.map(toRecipient), activity, { preferSharedInbox: true });
  }

  async function accounts(...ids: string[]): Promise<(Account | undefined)[]> {
    const found = await core.accounts.byIds(ids);
    return ids.map((id) => found.find((a) => a.id === id));
  }

  async function one(accountId: string): Promise<RemoteRecipient[]> {
    return core.outbox.recipients('0', { followers: false, accountIds: [accountId] });
  }

  async function handle(event: OutboxEvent): Promise<void> {
    const ctx = federation.createContext(new URL(origin), undefined);
    switch (event.type) {
      case 'status.created':
      case 'status.updated': {
        const view = await core.statusViews.forDelivery(event.statusId);
        if (!view || view.account.account.domain) return;
        const author = view.account.account;
        const to = await core.outbox.recipients(author.id, {
          followers: view.status.visibility !== 'direct',
          accountIds: await core.outbox.participants(view.status.id),
        });
        const activity = event.type === 'status.created' ? await notes.created(ctx, view) : await notes.updated(ctx, view);
        return send(ctx, author, to, activity);
      }
      case 'status.deleted': {
        const [author] = await accounts(event.authorId);
        if (!author) return;
        const extra = [...event.mentionedIds];
        let activity: Activity;
        if (event.reblogOfId) {
          const original = await core.remoteStatuses.addressOf(event.reblogOfId);
          if (original) extra.push(original.accountId);
          activity = new Undo({
            id: new URL(`${statusActivityUri(ctx, author.username, event.statusId).href}#undo`),
            actor: ctx.getActorUri(author.username),
            object: new Announce({
              id: statusActivityUri(ctx, author.username, event.statusId),
              actor: ctx.getActorUri(author.username),
              object: original ? statusUri(ctx, original) : null,
            }),
            tos: [PUBLIC_COLLECTION],
          });
        } else {
          activity = new Delete({
            id: new URL(`${statusUri(ctx, { id: event.statusId, uri: null, username: author.username }).href}#delete`),
            actor: ctx.getActorUri(author.username),
            object: notes.tombstone(ctx, author.username, event.statusId),
            tos: [PUBLIC_COLLECTION],
          });
        }
        const to = await core.outbox.recipients(author.id, { followers: event.visibility !== 'direct', accountIds: extra });
        return send(ctx, author, to, activity);
      }
      case 'favourite':
      case 'unfavourite': {
        const [actor] = await accounts(event.accountId);
        const target = await core.remoteStatuses.addressOf(event.statusId);
        if (!actor || !target) return;
        const like = new Like({ id: activityUri(ctx, actor.username, 'likes', event.favouriteId), actor: ctx.getActorUri(actor.username), object: statusUri(ctx, target) });
        const activity = event.type === 'favourite' ? like : undoOf(like);
        return send(ctx, actor, await one(target.accountId), activity);
      }
      case 'follow':
      case 'unfollow': {
        const [actor, target] = await accounts(event.accountId, event.targetId);
        if (!actor || !target) return;
        const follow = new Follow({ id: activityUri(ctx, actor.username, 'follows', event.followId), actor: ctx.getActorUri(actor.username), object: actorUri(ctx, target) });
        const activity = event.type === 'follow' ? follow : undoOf(follow);
        return send(ctx, actor, await one(target.id), activity);
      }
      case 'follow.accepted':
      case 'follow.rejected': {
        // account: the remote follower; target: the local account it asked to follow.
        const [follower, target] = await accounts(event.accountId, event.targetId);
        if (!follower || !target || !event.uri) return;
        const follow = new Follow({ id: new URL(event.uri), actor: actorUri(ctx, follower), object: ctx.getActorUri(target.username) });
        const Kind = event.type === 'follow.accepted' ? Accept : Reject;
        const activity = new Kind({ id: new URL(`${ctx.getActorUri(target.username).href}#${event.type === 'follow.accepted' ? 'accepts' : 'rejects'}/follows/${follower.id}/${Date.now()}`), actor: ctx.getActorUri(target.username), object: follow });
        return send(ctx, target, await one(follower.id), activity);
      }
      case 'block':
      case 'unblock': {
        const [actor, target] = await accounts(event.accountId, event.targetId);
        if (!actor || !target) return;
        const block = new Block({ id: activityUri(ctx, actor.username, 'blocks', event.blockId), actor: ctx.getActorUri(actor.username), object: actorUri(ctx, target) });
        const activity = event.type === 'block' ? block : undoOf(block);
        return send(ctx, actor, await one(target.id), activity);
      }
      case 'account.updated': {
        const [account] = await accounts(event.accountId);
        if (!account || account.domain) return;
        const actor = await personOf(ctx, account, origin);
        const activity = new Update({ id: activityUri(ctx, account.username, 'updates', String(Date.now())), actor: actor.id, object: actor, tos: [PUBLIC_COLLECTION] });
        return send(ctx, account, await core.outbox.recipients(account.id, { followers: true, accountIds: [] }), activity);
      }
    }
  }

  return { handle };
}
