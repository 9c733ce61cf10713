// Activities other servers send to our inboxes, turned into core calls. Fedify has checked the
// signature (the actor sent it) before any of this runs.
import type { Federation, InboxContext } from '@fedify/fedify';
import { Accept, Announce, Block, Create, Delete, Follow, isActor, Like, Note, Reject, Undo, Update, type Activity } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import { CoreError } from '../core/errors.ts';
import type { Core } from '../core/index.ts';
import type { Remote } from './remote.ts';
import { localFollowId, localIdentifier } from './uris.ts';

export function setInboxListeners(federation: Federation<void>, core: Core, remote: Remote, log: (message: string) => void): void {
  /** The remote account that sent an activity (never one of ours: those do not arrive by inbox). */
  async function sender(ctx: InboxContext<void>, activity: Activity): Promise<Account | null> {
    // Most activities come from accounts we know: their stored copy saves a fetch per activity.
    const a = await remote.account(ctx, activity.actorId);
    return a?.domain ? a : null;
  }

  async function localTarget(ctx: InboxContext<void>, uri: URL | null): Promise<Account | null> {
    const name = localIdentifier(ctx, uri);
    const a = name ? await core.accounts.localByUsername(name) : undefined;
    return a && !a.suspendedAt ? a : null;
  }

  /** Rules the core enforces (a block, a missing status) end the activity quietly: it stays refused. */
  async function quietly(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof CoreError) log(`${what} refused: ${error.message}`);
      else throw error;
    }
  }

  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Follow, async (ctx, follow) => {
      const [actor, target] = await Promise.all([sender(ctx, follow), localTarget(ctx, follow.objectId)]);
      if (!actor || !target || !follow.id) return;
      await quietly('Follow', () => core.relations.follow(actor, target.id, {}, { uri: follow.id!.href }));
    })
    .on(Accept, async (ctx, accept) => {
      const actor = await sender(ctx, accept);
      const follower = await localTarget(ctx, accept.objectId);
      if (!actor || !follower || !localFollowId(accept.objectId)) return;
      await quietly('Accept', () => core.relations.authorizeRequest(actor, follower.id));
    })
    .on(Reject, async (ctx, reject) => {
      const actor = await sender(ctx, reject);
      const follower = await localTarget(ctx, reject.objectId);
      if (!actor || !follower || !localFollowId(reject.objectId)) return;
      await quietly('Reject', () => core.relations.rejectRequest(actor, follower.id));
    })
    .on(Undo, async (ctx, undo) => {
      const actor = await sender(ctx, undo);
      if (!actor) return;
      const object = await undo.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
      if (object instanceof Follow) {
        const target = await localTarget(ctx, object.objectId);
        if (target) await quietly('Undo Follow', () => core.relations.unfollow(actor, target.id));
      } else if (object instanceof Like) {
        const id = await remote.statusId(ctx, object.objectId);
        if (id) await quietly('Undo Like', () => core.statuses.unfavourite(actor, id));
      } else if (object instanceof Announce) {
        const reblog = object.id ? await core.remoteStatuses.byUri(object.id.href) : undefined;
        if (reblog?.reblogOfId && reblog.accountId === actor.id) await quietly('Undo Announce', () => core.statuses.unreblog(actor, reblog.reblogOfId!));
      } else if (object instanceof Block) {
        const target = await localTarget(ctx, object.objectId);
        if (target) await quietly('Undo Block', () => core.relations.unblock(actor, target.id));
      }
    })
    .on(Create, async (ctx, create) => {
      const actor = await sender(ctx, create);
      const object = await create.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
      if (!actor || !(object instanceof Note)) return;
      await quietly('Create', () => remote.receive(ctx, object, actor));
    })
    .on(Update, async (ctx, update) => {
      const actor = await sender(ctx, update);
      if (!actor) return;
      const object = await update.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
      if (object instanceof Note) await quietly('Update', () => remote.revise(ctx, object, actor));
      // A profile change: read the actor again, as its server now shows it.
      else if (isActor(object) && object.id?.href === actor.uri) await remote.account(ctx, object.id, object);
    })
    .on(Delete, async (ctx, del) => {
      const actor = await sender(ctx, del);
      const id = del.objectId;
      if (!actor || !id) return;
      // A deleted account: its profile stays until moderation tools exist; its posts go with their own Deletes.
      if (id.href === actor.uri) return;
      await quietly('Delete', () => core.remoteStatuses.remove(actor, id.href));
    })
    .on(Announce, async (ctx, announce) => {
      const actor = await sender(ctx, announce);
      if (!actor || !announce.id) return;
      const id = await remote.statusId(ctx, announce.objectId, { fetch: true });
      if (id) await quietly('Announce', () => core.statuses.reblog(actor, id, undefined, { uri: announce.id!.href }));
    })
    .on(Like, async (ctx, like) => {
      const actor = await sender(ctx, like);
      const id = actor ? await remote.statusId(ctx, like.objectId) : null;
      if (actor && id) await quietly('Like', () => core.statuses.favourite(actor, id));
    })
    .on(Block, async (ctx, block) => {
      const [actor, target] = await Promise.all([sender(ctx, block), localTarget(ctx, block.objectId)]);
      if (actor && target) await quietly('Block', () => core.relations.block(actor, target.id));
    })
    .onError((_ctx, error) => log(`inbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}
