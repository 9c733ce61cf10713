// Accounts with the counts shown on profiles, loaded in one query for any number of accounts.
import { isId } from '../ids.ts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { accounts, accountStats } from '../../store/schema/index.ts';
import type { ViewerContext } from '../relations/service.ts';
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
  // Runs for every page of statuses a signed-in viewer reads: prepared once. `accounts.id` is
  // written out in full, so the sub-selects cannot take it for a column of their own.
  const viewer = sql.placeholder('viewer');
  const withContextQuery = db
    .select({
      account: accounts,
      counts: accountStats,
      follows: sql<boolean>`exists(select 1 from follows r where r.account_id = ${viewer} and r.target_account_id = accounts.id)`,
      blocking: sql<boolean>`exists(select 1 from blocks r where r.account_id = ${viewer} and r.target_account_id = accounts.id)`,
      blockedBy: sql<boolean>`exists(select 1 from blocks r where r.account_id = accounts.id and r.target_account_id = ${viewer})`,
      muting: sql<boolean>`exists(select 1 from mutes r where r.account_id = ${viewer} and r.target_account_id = accounts.id and (r.expires_at is null or r.expires_at > now()))`,
    })
    .from(accounts)
    .leftJoin(accountStats, eq(accountStats.accountId, accounts.id))
    .where(sql`${accounts.id} = any(${sql.placeholder('ids')}::bigint[])`)
    .prepare('account_views_with_context');

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
    /**
     * Views keyed by id, and the viewer's relations with those accounts, in one round trip: every
     * page of statuses needs both, and a query costs more here than the rows it returns.
     */
    async withContext(viewerId: string, ids: string[]): Promise<{ views: Map<string, AccountView>; context: ViewerContext }> {
      const unique = [...new Set(ids)].filter((id) => isId(id));
      const context: ViewerContext = { viewerId, follows: new Set(), blocking: new Set(), blockedBy: new Set(), muting: new Set() };
      if (unique.length === 0) return { views: new Map(), context };
      const rows = await withContextQuery.execute({ ids: `{${unique.join(',')}}`, viewer: viewerId });
      const views = new Map<string, AccountView>();
      for (const r of rows) {
        views.set(r.account.id, { account: r.account, counts: r.counts ?? ZERO });
        if (r.follows) context.follows.add(r.account.id);
        if (r.blocking) context.blocking.add(r.account.id);
        if (r.blockedBy) context.blockedBy.add(r.account.id);
        if (r.muting) context.muting.add(r.account.id);
      }
      return { views, context };
    },
  };
}

export type AccountViews = ReturnType<typeof createAccountViews>;
