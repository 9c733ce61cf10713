// Inbound activities about posts (see inbox): new and edited posts of the kinds Parley reads,
// deletions, boosts and likes.
import type { InboxContext } from '@fedify/fedify';
import { type Announce, type Create, type Delete, isActor, type Like, type Update } from '@fedify/vocab';
import type { Core } from '../core/index.ts';
import type { InboxSteps } from './inbox-steps.ts';
import { kindOf, type PostKind } from './objects.ts';
import type { Remote } from './remote.ts';

export async function created(kinds: PostKind[], steps: InboxSteps, ctx: InboxContext<void>, create: Create): Promise<void> {
  const actor = await steps.sender(ctx, create);
  const object = await create.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
  if (!actor) return;
  const kind = kindOf(kinds, object);
  if (!kind) return steps.ignored(create, `its object is ${object ? `a ${object.constructor.name}` : 'unreadable'}, not a kind of post Parley reads`);
  await steps.quietly(create, () => kind.receive(ctx, object!, actor, create));
}

export async function updated(kinds: PostKind[], remote: Remote, steps: InboxSteps, ctx: InboxContext<void>, update: Update): Promise<void> {
  const actor = await steps.sender(ctx, update);
  if (!actor) return;
  const object = await update.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
  const kind = kindOf(kinds, object);
  if (kind) await steps.quietly(update, () => kind.revise(ctx, object!, actor, update));
  // A profile change: read the actor again, as its server now shows it.
  else if (isActor(object) && object.id?.href === actor.uri) await remote.account(ctx, object.id, object);
  else steps.ignored(update, 'its object is neither a kind of post Parley reads nor its actor');
}

export async function deleted(core: Core, steps: InboxSteps, ctx: InboxContext<void>, del: Delete): Promise<void> {
  const actor = await steps.sender(ctx, del);
  const id = del.objectId;
  if (!actor || !id) return;
  // A deleted account: its profile stays until moderation tools exist; its posts go with their own Deletes.
  if (id.href === actor.uri) return steps.ignored(del, 'deleted accounts are kept until moderation tools exist');
  // A quote's authorization withdrawn by the quoted author (FEP-044f): the quote is revoked.
  if (await core.statuses.remoteQuotes.revoked(actor, id.href)) return;
  await steps.quietly(del, () => core.remoteStatuses.remove(actor, id.href));
}

export async function announced(core: Core, steps: InboxSteps, ctx: InboxContext<void>, announce: Announce): Promise<void> {
  const actor = await steps.sender(ctx, announce);
  if (!actor || !announce.id) return;
  const id = await steps.targetStatus(ctx, announce, announce.objectId, true);
  if (id) await steps.quietly(announce, () => core.statuses.reblog(actor, id, undefined, { uri: announce.id!.href }));
}

export async function liked(core: Core, steps: InboxSteps, ctx: InboxContext<void>, like: Like): Promise<void> {
  const actor = await steps.sender(ctx, like);
  const id = actor ? await steps.targetStatus(ctx, like, like.objectId) : null;
  if (actor && id) await steps.quietly(like, () => core.statuses.favourite(actor, id));
}
