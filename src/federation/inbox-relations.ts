// Inbound activities between accounts (see inbox): follows and their answers, blocks, and the
// Undo of any of them (or of a Like or an Announce).
import type { InboxContext } from '@fedify/fedify';
import { type Accept, Announce, Block, Follow, Like, type Reject, type Undo } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import type { InboxSteps } from './inbox-steps.ts';
import { localFollowId } from './uris.ts';

export async function followed(core: Core, steps: InboxSteps, ctx: InboxContext<void>, follow: Follow): Promise<void> {
  const [actor, target] = await Promise.all([steps.sender(ctx, follow), steps.localTarget(ctx, follow, follow.objectId)]);
  if (!actor || !target || !follow.id) return;
  await steps.quietly(follow, () => core.relations.follow(actor, target.id, {}, { uri: follow.id!.href }));
}

/** An Accept or Reject of a follow request one of ours sent. */
export async function answered(steps: InboxSteps, ctx: InboxContext<void>, activity: Accept | Reject, apply: (actor: Account, follower: Account) => Promise<unknown>): Promise<void> {
  const actor = await steps.sender(ctx, activity);
  const follower = await steps.localTarget(ctx, activity, activity.objectId);
  if (!actor || !follower) return;
  if (!localFollowId(activity.objectId)) return steps.ignored(activity, `${activity.objectId?.href ?? 'its object'} is not a follow of ours`);
  await steps.quietly(activity, () => apply(actor, follower));
}

export async function blocked(core: Core, steps: InboxSteps, ctx: InboxContext<void>, block: Block): Promise<void> {
  const [actor, target] = await Promise.all([steps.sender(ctx, block), steps.localTarget(ctx, block, block.objectId)]);
  if (actor && target) await steps.quietly(block, () => core.relations.block(actor, target.id));
}

export async function undone(core: Core, steps: InboxSteps, ctx: InboxContext<void>, undo: Undo): Promise<void> {
  const actor = await steps.sender(ctx, undo);
  if (!actor) return;
  const object = await undo.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
  if (object instanceof Follow) {
    const target = await steps.localTarget(ctx, undo, object.objectId);
    if (target) await steps.quietly(undo, () => core.relations.unfollow(actor, target.id));
  } else if (object instanceof Like) {
    const id = await steps.targetStatus(ctx, undo, object.objectId);
    if (id) await steps.quietly(undo, () => core.statuses.unfavourite(actor, id));
  } else if (object instanceof Announce) {
    const reblog = object.id ? await core.remoteStatuses.byUri(object.id.href) : undefined;
    if (reblog?.reblogOfId && reblog.accountId === actor.id) await steps.quietly(undo, () => core.statuses.unreblog(actor, reblog.reblogOfId!));
    else steps.ignored(undo, `${object.id?.href ?? 'its Announce'} is not a boost of theirs known here`);
  } else if (object instanceof Block) {
    const target = await steps.localTarget(ctx, undo, object.objectId);
    if (target) await steps.quietly(undo, () => core.relations.unblock(actor, target.id));
  } else steps.ignored(undo, `its object is ${object ? `a ${object.constructor.name}` : 'unreadable'}`);
}
