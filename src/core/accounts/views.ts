// Accounts with the counts shown on profiles, loaded in one query for any number of accounts.
import { isId } from '../ids.ts';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { accounts, accountStats } from '../../store/schema/index.ts';
import type { Account } from './service.ts';

export interface AccountCounts {
  statusesCount: number;
  followersCount: number;
  followingCount: number;
  lastStatusAt: Date | null;
}

export interface AccountView {
  account: Account;
  counts: AccountCounts;
}

const ZERO: AccountCounts = { statusesCount: 0, followersCount: 0, followingCount: 0, lastStatusAt: null };

export function createAccountViews(db: Db) {
  async function countsFor(ids: string[]): Promise<Map<string, AccountCounts>> {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(accountStats).where(inArray(accountStats.accountId, [...new Set(ids)]));
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
    async byIds(ids: string[]): Promise<Map<string, AccountView>> {
      const unique = [...new Set(ids)].filter((id) => isId(id));
      if (unique.length === 0) return new Map();
      const rows = await db.select({ account: accounts, counts: accountStats }).from(accounts).leftJoin(accountStats, eq(accountStats.accountId, accounts.id)).where(inArray(accounts.id, unique));
      return new Map(rows.map((r) => [r.account.id, { account: r.account, counts: r.counts ?? ZERO }]));
    },
  };
}

export type AccountViews = ReturnType<typeof createAccountViews>;
