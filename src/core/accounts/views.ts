// Accounts with the counts shown on profiles, loaded in one query for any number of accounts.
import { isId } from '../ids.ts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { accounts, accountStats } from '../../store/schema/index.ts';
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import type { Account } from './types.ts';

export interface AccountCounts {
  statusesCount: number;
  followersCount: number;
  followingCount: number;
  lastStatusAt: Date | null;
  /** raised by every change to the counts (-1: no counts yet) */
  revision: number;
}

export interface AccountView {
  account: Account;
  counts: AccountCounts;
}

/** An account's counts as a committed change left them (see `counted`). */
export interface CountedAuthor {
  accountId: string;
  counts: AccountCounts;
}

// No row yet: any row is newer.
const ZERO: AccountCounts = { statusesCount: 0, followersCount: 0, followingCount: 0, lastStatusAt: null, revision: -1 };

/** Newer counts replace older ones, whatever order they arrive in (a patch's dates come as JSON). */
function applyCounts(view: AccountView, counts: AccountCounts): AccountView {
  if (counts.revision <= view.counts.revision) return view;
  return { account: view.account, counts: { ...view.counts, ...counts, lastStatusAt: counts.lastStatusAt === null ? null : new Date(counts.lastStatusAt) } };
}

const CACHE_SIZE = 50_000;
/** Writers forget what they change; this bounds what a missed message could leave. */
const CACHE_TTL_MS = 10_000;

export function createAccountViews(db: Db, bus: Bus) {
  // Prepared once: fan-out reads each author again after every post (its counts moved).
  const byIdsQuery = db
    .select({ account: accounts, counts: accountStats })
    .from(accounts)
    .leftJoin(accountStats, eq(accountStats.accountId, accounts.id))
    .where(sql`${accounts.id} = any(${sql.placeholder('ids')}::bigint[])`)
    .prepare('account_views');

  async function byIds(ids: string[]): Promise<Map<string, AccountView>> {
    const unique = [...new Set(ids)].filter((id) => isId(id));
    if (unique.length === 0) return new Map();
    const rows = await byIdsQuery.execute({ ids: `{${unique.join(',')}}` });
    return new Map(rows.map((r) => [r.account.id, { account: r.account, counts: r.counts ?? ZERO }]));
  }

  // The accounts that statuses embed (authors, mentions), shared by every viewer and kept in each
  // process; forgotten everywhere when a profile, its counts or its suspension change.
  const cache = createSharedCache<AccountView, AccountCounts>(bus, 'accounts', { max: CACHE_SIZE, ttlMs: CACHE_TTL_MS, reload: byIds, apply: applyCounts });

  async function countsFor(ids: string[]): Promise<Map<string, AccountCounts>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select()
      .from(accountStats)
      .where(inArray(accountStats.accountId, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.accountId, r]));
  }
  return {
    async of(list: Account[]): Promise<AccountView[]> {
      const counts = await countsFor(list.map((a) => a.id));
      return list.map((account) => ({ account, counts: counts.get(account.id) ?? ZERO }));
    },
    async one(account: Account): Promise<AccountView> {
      const counts = await countsFor([account.id]);
      return { account, counts: counts.get(account.id) ?? ZERO };
    },
    /** Views keyed by id; unknown ids are left out. */
    byIds,
    /** As byIds, from the shared cache where it can: for the accounts embedded in pages of statuses. */
    cachedByIds: (ids: string[]): Promise<Map<string, AccountView>> => cache.getMany(ids, byIds),
    /** Writers call this once a change to these accounts (profile, counts, suspension) is committed. */
    forget: (ids: readonly string[]): Promise<void> => cache.forget(ids),
    /** Taken before a change whose resulting counts are handed to `counted`. */
    mark: (): number => cache.mark(),
    /**
     * Counts a committed change left (fan-out counting new posts): the views held by every process
     * show them without reading the account again.
     */
    counted: (list: readonly CountedAuthor[], mark: number): Promise<void> => cache.revise(new Map(list.map((c) => [c.accountId, c.counts])), mark),
  };
}

export type AccountViews = ReturnType<typeof createAccountViews>;
