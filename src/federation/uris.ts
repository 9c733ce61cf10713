// The ActivityPub ids Parley gives to what happens on it, and the way back from an id to a row.
import type { Context } from '@fedify/fedify';
import { Note } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';

/** An account's actor id: our own route for local accounts, the stored one for remote. */
export function actorUri(ctx: Context<void>, account: Account): URL {
  return account.domain && account.uri ? new URL(account.uri) : ctx.getActorUri(account.username);
}

/** A status's id: the stored one for remote statuses, our object route for local ones. */
export function statusUri(ctx: Context<void>, status: { id: string; uri: string | null; username: string }): URL {
  return status.uri ? new URL(status.uri) : ctx.getObjectUri(Note, { identifier: status.username, id: status.id });
}

/** Activities that have no document of their own are fragments of their actor's id, as in Mastodon. */
export const activityUri = (ctx: Context<void>, username: string, kind: 'follows' | 'likes' | 'blocks' | 'updates' | 'votes' | 'quote_requests', id: string) =>
  new URL(`${ctx.getActorUri(username).href}#${kind}/${id}`);

/** The Create or Announce of a local status, at `.../statuses/{id}/activity` (Mastodon's shape). */
export const statusActivityUri = (ctx: Context<void>, username: string, id: string) => new URL(`${ctx.getObjectUri(Note, { identifier: username, id }).href}/activity`);

/** The local username an id of ours names (an actor, or one of its fragments), if any. */
export function localIdentifier(ctx: Context<void>, uri: URL | null | undefined): string | null {
  if (!uri || uri.origin !== ctx.canonicalOrigin) return null;
  const parsed = ctx.parseUri(new URL(uri.origin + uri.pathname));
  return parsed?.type === 'actor' ? parsed.identifier : null;
}

/** The id of a local status an id of ours names, if any. */
export function localStatusId(ctx: Context<void>, uri: URL | null | undefined): string | null {
  if (!uri || uri.origin !== ctx.canonicalOrigin) return null;
  const parsed = ctx.parseUri(uri);
  return parsed?.type === 'object' && parsed.class === Note ? (parsed.values.id ?? null) : null;
}

/** The follow (or request) id inside a Follow id of ours (`.../users/u#follows/123`). */
export function localFollowId(uri: URL | null | undefined): string | null {
  const m = uri?.hash.match(/^#follows\/(\d+)$/);
  return m ? m[1]! : null;
}

/** The quote id inside a QuoteRequest id of ours (`.../users/u#quote_requests/123`). */
export function localQuoteRequestId(ctx: Context<void>, uri: URL | null | undefined): string | null {
  if (!uri || uri.origin !== ctx.canonicalOrigin) return null;
  const m = uri.hash.match(/^#quote_requests\/(\d+)$/);
  return m ? m[1]! : null;
}

/** The name of a thread begun here, as its notes' `context` says it (Mastodon's shape). */
export const conversationContextUri = (ctx: Context<void>, conversationId: string) => new URL(`/contexts/${conversationId}`, ctx.canonicalOrigin);

/** The id of a thread begun here that a `context` of ours names, if any. */
export function localConversationId(ctx: Context<void>, uri: URL): string | null {
  if (uri.origin !== ctx.canonicalOrigin) return null;
  return uri.pathname.match(/^\/contexts\/(\d{1,19})$/)?.[1] ?? null;
}
