// Block: a local account blocks another.
import type { Context } from '@fedify/fedify';
import { Block } from '@fedify/vocab';
import type { Account } from '../../core/accounts/service.ts';
import { activityUri, actorUri } from '../uris.ts';

export function blockOf(ctx: Context<void>, username: string, blockId: string, target: Account): Block {
  return new Block({ id: activityUri(ctx, username, 'blocks', blockId), actor: ctx.getActorUri(username), object: actorUri(ctx, target) });
}
