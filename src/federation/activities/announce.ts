// Announce: a local reblog of a status, and its withdrawal.
import type { Context } from '@fedify/fedify';
import { Announce, PUBLIC_COLLECTION, Undo } from '@fedify/vocab';
import type { StatusView } from '../../core/statuses/views.ts';
import { actorUri, statusActivityUri, statusUri } from '../uris.ts';
import { instant } from './instant.ts';

/** The Announce of a reblog (`view.reblog` is the original). */
export function announceOf(ctx: Context<void>, view: StatusView & { reblog: NonNullable<StatusView['reblog']> }): Announce {
  const username = view.account.account.username;
  const original = view.reblog;
  const followers = ctx.getFollowersUri(username);
  const authorUri = actorUri(ctx, original.account.account);
  const isPublic = view.status.visibility === 'public';
  return new Announce({
    id: statusActivityUri(ctx, username, view.status.id),
    actor: ctx.getActorUri(username),
    object: statusUri(ctx, { id: original.status.id, uri: original.status.uri, username: original.account.account.username }),
    published: instant(view.status.createdAt),
    tos: isPublic ? [PUBLIC_COLLECTION] : [followers],
    ccs: isPublic ? [followers, authorUri] : [authorUri],
  });
}

/** The Undo of a reblog that is gone; `original` is the reblogged status, when still known. */
export function undoAnnounceOf(ctx: Context<void>, username: string, reblogId: string, original: { id: string; uri: string | null; username: string } | undefined): Undo {
  const id = statusActivityUri(ctx, username, reblogId);
  return new Undo({
    id: new URL(`${id.href}#undo`),
    actor: ctx.getActorUri(username),
    object: new Announce({ id, actor: ctx.getActorUri(username), object: original ? statusUri(ctx, original) : null }),
    tos: [PUBLIC_COLLECTION],
  });
}
