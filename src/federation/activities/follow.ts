// Follow: a local account asks to follow another.
import type { Context } from '@fedify/fedify';
import { Follow } from '@fedify/vocab';
import type { Account } from '../../core/accounts/service.ts';
import { activityUri, actorUri } from '../uris.ts';

export function followOf(ctx: Context<void>, username: string, followId: string, target: Account): Follow {
  return new Follow({ id: activityUri(ctx, username, 'follows', followId), actor: ctx.getActorUri(username), object: actorUri(ctx, target) });
}
