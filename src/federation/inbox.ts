// Activities other servers send to our inboxes, turned into core calls. Fedify has checked the
// signature (the actor sent it) before any of this runs. An activity that has no effect leaves a
// debug line with its id and the reason, so that a peer's quirks can be found in the log.
import type { Federation, InboxContext } from '@fedify/fedify';
import { Accept, Activity, Announce, Block, Create, Delete, Follow, isActor, Like, Reject, Undo, Update } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import { CoreError } from '../core/errors.ts';
import type { Core } from '../core/index.ts';
import type { Log } from '../infra/log.ts';
import { kindOf, postKinds } from './objects.ts';
import type { Remote } from './remote.ts';
import { localFollowId, localIdentifier } from './uris.ts';

const describe = (activity: Activity) => `${activity.constructor.name} ${activity.id?.href ?? '(no id)'} from ${activity.actorId?.href ?? '(no actor)'}`;

export function setInboxListeners(federation: Federation<void>, core: Core, remote: Remote, log: Log): void {
  const kinds = postKinds(remote, core);
  /** The remote account that sent an activity (never one of ours: those do not arrive by inbox). */
  async function sender(ctx: InboxContext<void>, activity: Activity): Promise<Account | null> {
    // Most activities come from accounts we know: their stored copy saves a fetch per activity.
    const a = await remote.account(ctx, activity.actorId);
    if (!a?.domain) ignored(activity, a ? 'its actor is a local account' : 'its actor could not be read');
    return a?.domain ? a : null;
  }

  async function localTarget(ctx: InboxContext<void>, activity: Activity, uri: URL | null): Promise<Account | null> {
    const name = localIdentifier(ctx, uri);
    const a = name ? await core.accounts.localByUsername(name) : undefined;
    if (!a || a.suspendedAt) ignored(activity, `${uri?.href ?? 'its object'} is not an active account of this server`);
    return a && !a.suspendedAt ? a : null;
  }

  const ignored = (activity: Activity, reason: string) => log.debug(`inbound ${describe(activity)} ignored: ${reason}`);

  /** Rules the core enforces (a block, a missing status) end the activity quietly: it stays refused. */
  async function quietly(activity: Activity, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof CoreError) ignored(activity, `refused: ${error.message}`);
      else throw error;
    }
  }

  /** The status an activity's object names, or null with a debug line saying so. */
  async function targetStatus(ctx: InboxContext<void>, activity: Activity, uri: URL | null, fetch = false): Promise<string | null> {
    const id = await remote.statusId(ctx, uri, { fetch });
    if (!id) ignored(activity, `${uri?.href ?? 'its object'} is not a post known here`);
    return id;
  }

  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Follow, async (ctx, follow) => {
      const [actor, target] = await Promise.all([sender(ctx, follow), localTarget(ctx, follow, follow.objectId)]);
      if (!actor || !target || !follow.id) return;
      await quietly(follow, () => core.relations.follow(actor, target.id, {}, { uri: follow.id!.href }));
    })
    .on(Accept, async (ctx, accept) => answered(ctx, accept, (actor, follower) => core.relations.authorizeRequest(actor, follower.id)))
    .on(Reject, async (ctx, reject) => answered(ctx, reject, (actor, follower) => core.relations.rejectRequest(actor, follower.id)))
    .on(Undo, (ctx, undo) => undone(ctx, undo))
    .on(Create, async (ctx, create) => {
      const actor = await sender(ctx, create);
      const object = await create.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
      if (!actor) return;
      const kind = kindOf(kinds, object);
      if (!kind) return ignored(create, `its object is ${object ? `a ${object.constructor.name}` : 'unreadable'}, not a kind of post Parley reads`);
      await quietly(create, () => kind.receive(ctx, object!, actor));
    })
    .on(Update, async (ctx, update) => {
      const actor = await sender(ctx, update);
      if (!actor) return;
      const object = await update.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
      const kind = kindOf(kinds, object);
      if (kind) await quietly(update, () => kind.revise(ctx, object!, actor));
      // A profile change: read the actor again, as its server now shows it.
      else if (isActor(object) && object.id?.href === actor.uri) await remote.account(ctx, object.id, object);
      else ignored(update, 'its object is neither a kind of post Parley reads nor its actor');
    })
    .on(Delete, async (ctx, del) => {
      const actor = await sender(ctx, del);
      const id = del.objectId;
      if (!actor || !id) return;
      // A deleted account: its profile stays until moderation tools exist; its posts go with their own Deletes.
      if (id.href === actor.uri) return ignored(del, 'deleted accounts are kept until moderation tools exist');
      await quietly(del, () => core.remoteStatuses.remove(actor, id.href));
    })
    .on(Announce, async (ctx, announce) => {
      const actor = await sender(ctx, announce);
      if (!actor || !announce.id) return;
      const id = await targetStatus(ctx, announce, announce.objectId, true);
      if (id) await quietly(announce, () => core.statuses.reblog(actor, id, undefined, { uri: announce.id!.href }));
    })
    .on(Like, async (ctx, like) => {
      const actor = await sender(ctx, like);
      const id = actor ? await targetStatus(ctx, like, like.objectId) : null;
      if (actor && id) await quietly(like, () => core.statuses.favourite(actor, id));
    })
    .on(Block, async (ctx, block) => {
      const [actor, target] = await Promise.all([sender(ctx, block), localTarget(ctx, block, block.objectId)]);
      if (actor && target) await quietly(block, () => core.relations.block(actor, target.id));
    })
    // Fedify calls the most specific listener: this one hears the types Parley does not act on.
    .on(Activity, async (_ctx, activity) => ignored(activity, 'Parley does not act on this type of activity'))
    .onError((_ctx, error) => log.error(`inbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));

  /** An Accept or Reject of a follow request one of ours sent. */
  async function answered(ctx: InboxContext<void>, activity: Accept | Reject, apply: (actor: Account, follower: Account) => Promise<unknown>): Promise<void> {
    const actor = await sender(ctx, activity);
    const follower = await localTarget(ctx, activity, activity.objectId);
    if (!actor || !follower) return;
    if (!localFollowId(activity.objectId)) return ignored(activity, `${activity.objectId?.href ?? 'its object'} is not a follow of ours`);
    await quietly(activity, () => apply(actor, follower));
  }

  async function undone(ctx: InboxContext<void>, undo: Undo): Promise<void> {
    const actor = await sender(ctx, undo);
    if (!actor) return;
    const object = await undo.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
    if (object instanceof Follow) {
      const target = await localTarget(ctx, undo, object.objectId);
      if (target) await quietly(undo, () => core.relations.unfollow(actor, target.id));
    } else if (object instanceof Like) {
      const id = await targetStatus(ctx, undo, object.objectId);
      if (id) await quietly(undo, () => core.statuses.unfavourite(actor, id));
    } else if (object instanceof Announce) {
      const reblog = object.id ? await core.remoteStatuses.byUri(object.id.href) : undefined;
      if (reblog?.reblogOfId && reblog.accountId === actor.id) await quietly(undo, () => core.statuses.unreblog(actor, reblog.reblogOfId!));
      else ignored(undo, `${object.id?.href ?? 'its Announce'} is not a boost of theirs known here`);
    } else if (object instanceof Block) {
      const target = await localTarget(ctx, undo, object.objectId);
      if (target) await quietly(undo, () => core.relations.unblock(actor, target.id));
    } else ignored(undo, `its object is ${object ? `a ${object.constructor.name}` : 'unreadable'}`);
  }
}
