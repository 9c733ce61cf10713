// What `/api/v2/search` and `accounts/search` resolve: a handle (`user@host`) or a URL, looked up
// on its server and stored (an actor as an account, a Note as a status).
import type { Context } from '@fedify/fedify';
import { isActor, Note, Question, type Actor, type Object as APObject } from '@fedify/vocab';
import type { Account } from '../core/accounts/service.ts';
import type { Core } from '../core/index.ts';
import { localStatusId } from './uris.ts';

/** What resolving needs of the rest (see remote). */
export interface Resolving {
  core: Core;
  account(ctx: Context<void>, uri: URL | null, known?: Actor | null): Promise<Account | null>;
  receive(ctx: Context<void>, note: Note | Question): Promise<string | null>;
}

/** A post of ours or one known (`statusId`), else the object looked up on its server (null: none). */
async function lookUp(core: Core, ctx: Context<void>, q: string): Promise<{ statusId: string } | { found: APObject | null }> {
  const handle = q.match(/^@?([\w.-]+)@([\w.-]+(?::\d+)?)$/);
  if (handle) return { found: await ctx.lookupObject(`@${handle[1]}@${handle[2]}`) };
  if (!/^https?:\/\//.test(q)) return { found: null };
  const local = localStatusId(ctx, new URL(q));
  if (local) return { statusId: local };
  const known = await core.remoteStatuses.byUri(q);
  if (known) return { statusId: known.id };
  return { found: await ctx.lookupObject(q) };
}

export async function resolveQuery(resolving: Resolving, ctx: Context<void>, query: string): Promise<{ accountId?: string; statusId?: string } | null> {
  let looked: Awaited<ReturnType<typeof lookUp>>;
  try {
    looked = await lookUp(resolving.core, ctx, query.trim());
  } catch {
    return null;
  }
  if ('statusId' in looked) return looked;
  const { found } = looked;
  if (isActor(found)) {
    const a = await resolving.account(ctx, found.id, found);
    return a ? { accountId: a.id } : null;
  }
  if (found instanceof Note || found instanceof Question) {
    const id = await resolving.receive(ctx, found);
    return id ? { statusId: id } : null;
  }
  return null;
}
