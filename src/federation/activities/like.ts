// Like: a local account's favourite of a status.
import type { Context } from '@fedify/fedify';
import { Like } from '@fedify/vocab';
import { activityUri, statusUri } from '../uris.ts';

export function likeOf(ctx: Context<void>, username: string, favouriteId: string, status: { id: string; uri: string | null; username: string }): Like {
  return new Like({ id: activityUri(ctx, username, 'likes', favouriteId), actor: ctx.getActorUri(username), object: statusUri(ctx, status) });
}
