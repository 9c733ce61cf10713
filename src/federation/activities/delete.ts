// Delete: a local status removed, named by its Tombstone.
import type { Context } from '@fedify/fedify';
import { Delete, PUBLIC_COLLECTION, Tombstone } from '@fedify/vocab';
import { statusUri } from '../uris.ts';

export function deleteOf(ctx: Context<void>, username: string, statusId: string): Delete {
  const id = statusUri(ctx, { id: statusId, uri: null, username });
  return new Delete({ id: new URL(`${id.href}#delete`), actor: ctx.getActorUri(username), object: new Tombstone({ id }), tos: [PUBLIC_COLLECTION] });
}
