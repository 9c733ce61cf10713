// Searching accounts by name, for /api/v2/search and /api/v1/accounts/search: `name` (a username's
// start or any part of a display name), `name@domain` (accounts of domains starting so; this
// server's domain means any), accounts the searcher follows first or only.
import type { Db } from '../../store/db.ts';
import { searchAccounts } from '../../store/search/accounts.ts';
import { isOwnDomain } from '../accounts/lookup.ts';
import type { Account } from '../accounts/types.ts';

export interface AccountSearchOptions {
  limit: number;
  offset: number;
  /** only accounts the searcher follows */
  following?: boolean | undefined;
}

export function createAccountSearch(deps: { db: Db; domain: string }) {
  const { db, domain: own } = deps;
  return async (viewerId: string | null, query: string, options: AccountSearchOptions): Promise<Account[]> => {
    const [name, domain] = query.trim().replace(/^@/, '').split('@');
    if (!name) return [];
    const domainPrefix = domain === undefined || isOwnDomain(domain, own) ? undefined : domain;
    return searchAccounts(db, { name, domainPrefix, viewerId: viewerId ?? undefined, followedOnly: options.following }, options);
  };
}
