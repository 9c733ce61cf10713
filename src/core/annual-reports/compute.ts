// An account's year, as the report's `data` (Mastodon's AnnualReport, snake_case keys, ids as
// strings). Schema version 2's parts (archetype, top statuses, time series, top hashtags) and the
// parts of version 1 the API description still requires (type distribution, most used apps, the
// accounts most replied to and reblogged, the percentile), plus what the account received.
import type { Executor } from '../jobs.ts';
import { mostInteracted, mostUsedApps, monthlySeries, postingPercentile, topHashtags, topStatus, yearCounts } from '../../store/annual-reports/stats.ts';
import { archetypeOf } from './archetype.ts';

export const REPORT_SCHEMA_VERSION = 2;
const TOP_HASHTAGS = 40;
const TOP_APPS = 10;
const TOP_ACCOUNTS = 10;

export interface ReportData extends Record<string, unknown> {
  archetype: string;
  top_statuses: { by_reblogs: string | null; by_favourites: string | null; by_replies: string | null };
  commonly_interacted_with_accounts: { account_id: string; count: number }[];
  most_reblogged_accounts: { account_id: string; count: number }[];
}

export async function computeReport(db: Executor, accountId: string, year: number): Promise<ReportData> {
  const counts = await yearCounts(db, accountId, year);
  const byReblogs = await topStatus(db, accountId, year, 'reblogs_count', []);
  const byFavourites = await topStatus(db, accountId, year, 'favourites_count', byReblogs ? [byReblogs] : []);
  const byReplies = await topStatus(
    db,
    accountId,
    year,
    'replies_count',
    [byReblogs, byFavourites].filter((id): id is string => id !== null),
  );
  const [hashtags, apps, replied, reblogged, series, percentile] = await Promise.all([
    topHashtags(db, accountId, year, TOP_HASHTAGS),
    mostUsedApps(db, accountId, year, TOP_APPS),
    mostInteracted(db, accountId, year, 'replied', TOP_ACCOUNTS),
    mostInteracted(db, accountId, year, 'reblogged', TOP_ACCOUNTS),
    monthlySeries(db, accountId, year),
    postingPercentile(db, accountId, year),
  ]);
  const asAccounts = (rows: { accountId: string; count: number }[]) => rows.map((r) => ({ account_id: r.accountId, count: r.count }));
  return {
    archetype: archetypeOf(counts),
    top_statuses: { by_reblogs: byReblogs, by_favourites: byFavourites, by_replies: byReplies },
    time_series: series,
    top_hashtags: hashtags,
    type_distribution: { total: counts.total, reblogs: counts.reblogs, replies: counts.replies, standalone: counts.standalone, polls: counts.polls },
    received: { favourites: counts.favouritesReceived, reblogs: counts.reblogsReceived, replies: counts.repliesReceived },
    new_followers: series.reduce((sum, m) => sum + m.followers, 0),
    most_used_apps: apps,
    commonly_interacted_with_accounts: asAccounts(replied),
    most_reblogged_accounts: asAccounts(reblogged),
    percentiles: percentile,
  };
}
