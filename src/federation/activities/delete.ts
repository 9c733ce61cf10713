// Delete: a local status removed, named by its Tombstone; or a quote's authorization withdrawn.
import type { Context } from '@fedify/fedify';
import { Delete, PUBLIC_COLLECTION, QuoteAuthorization, Tombstone } from '@fedify/vocab';
import { statusUri } from '../uris.ts';

export function deleteOf(ctx: Context<void>, username: string, statusId: string): Delete {
  const id = statusUri(ctx, { id: statusId, uri: null, username });
  return new Delete({ id: new URL(`${id.href}#delete`), actor: ctx.getActorUri(username), object: new Tombstone({ id }), tos: [PUBLIC_COLLECTION] });
}

/** A local author revoking the authorization they gave a quote (FEP-044f): its id is deleted. */
export function deleteAuthorizationOf(ctx: Context<void>, username: string, authorization: URL): Delete {
  return new Delete({ id: new URL(`${authorization.href}#delete`), actor: ctx.getActorUri(username), object: new QuoteAuthorization({ id: authorization }), tos: [PUBLIC_COLLECTION] });
}
