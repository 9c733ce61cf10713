// Finding accounts by name: usernames by their start (lower(username) text_pattern_ops index),
// display names by any part (pg_trgm's GIN index answers ILIKE '%…%' for three characters or more).
import { type SQL, sql } from 'drizzle-orm';
import { activeAccountsWhere } from '../accounts/accounts.ts';
import type { Db } from '../db.ts';
import { accounts, type AccountRow } from '../schema/index.ts';

/** LIKE patterns treat % and _ as wildcards; a query is matched literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface AccountSearch {
  /** what the username starts with, or the display name contains */
  name: string;
  /** only accounts of domains starting so (`user@dom`) */
  domainPrefix?: string | undefined;
  /** the searcher: accounts they follow come first */
  viewerId?: string | undefined;
  /** only accounts the searcher follows (Mastodon's `following=true`) */
  followedOnly?: boolean | undefined;
}

/** Unsuspended matches: the exact username first, then accounts the searcher follows, then usernames starting so, by name. */
export function searchAccounts(db: Db, search: AccountSearch, page: { limit: number; offset: number }): Promise<AccountRow[]> {
  const name = search.name.toLowerCase();
  const prefix = `${escapeLike(name)}%`;
  const username = sql`lower(${accounts.username})`;
  const followed: SQL | undefined = search.viewerId ? sql`exists (select 1 from follows f where f.account_id = ${search.viewerId} and f.target_account_id = ${accounts.id})` : undefined;
  return activeAccountsWhere(
    db,
    sql`(${username} like ${prefix} or ${accounts.displayName} ilike ${`%${escapeLike(name)}%`})`,
    search.domainPrefix === undefined ? undefined : sql`lower(${accounts.domain}) like ${`${escapeLike(search.domainPrefix.toLowerCase())}%`}`,
    search.followedOnly ? (followed ?? sql`false`) : undefined,
  )
    .orderBy(...[sql`${username} = ${name} desc`, ...(followed ? [sql`${followed} desc`] : []), sql`${username} like ${prefix} desc`, username, sql`${accounts.domain} nulls first`])
    .limit(page.limit)
    .offset(page.offset);
}
