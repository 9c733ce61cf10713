// Every timeline request asks for the viewer's filters and nearly all have none: a short-lived copy
// per account spares that query (changes made here drop it at once; see deps' filtersChanged).
import type { Db } from '../../store/db.ts';
import type { FilterContext } from '../../store/schema/index.ts';
import type { Filter } from './match.ts';
import { loadFilters } from './read.ts';

/** How long a process trusts the filters it read for an account (another process may change them). */
const CACHE_MS = 2000;
const CACHED_ACCOUNTS = 10_000;

export function createFilterCache(db: Db) {
  const cache = new Map<string, { at: number; filters: Promise<Filter[]> }>();

  function allOf(accountId: string): Promise<Filter[]> {
    const hit = cache.get(accountId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.filters;
    if (cache.size >= CACHED_ACCOUNTS) cache.delete(cache.keys().next().value!);
    const filters = loadFilters(db, accountId);
    cache.set(accountId, { at: Date.now(), filters });
    filters.catch(() => cache.delete(accountId));
    return filters;
  }

  return {
    /** The account's filters for this context that have not expired. */
    async active(accountId: string, context: FilterContext): Promise<Filter[]> {
      const now = Date.now();
      return (await allOf(accountId)).filter((f) => f.contexts.includes(context) && (!f.expiresAt || f.expiresAt.getTime() > now));
    },

    forget(accountId: string): void {
      cache.delete(accountId);
    },
  };
}

export type FilterCache = ReturnType<typeof createFilterCache>;
