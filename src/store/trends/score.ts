// The trends job's SQL: each kind scored from its uses (see uses.ts), the last seven days of tags
// and links counted, and a kind's rows replaced whole. Cost: one pass over what was posted,
// favourited and reblogged within the window (id ranges of the primary keys), every few minutes.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { textArray } from '../sql-arrays.ts';
import { trends, type TrendDay, type TrendKind } from '../schema/index.ts';
import { linkShares, statusInteractions, tagUses, trendableStatus } from './uses.ts';

export interface Scored {
  key: string;
  score: number;
}

export interface DecayRule {
  at: Date;
  /** uses older than this are not counted */
  windowMs: number;
  halfLifeMs: number;
  /** fewer distinct accounts than this: not a trend */
  minAccounts: number;
  keep: number;
}

const since = (r: { at: Date; windowMs: number }) => new Date(r.at.getTime() - r.windowMs);

/** Each account counts once, by its latest use, weighted by half for every half-life of its age. */
function decayed(uses: SQL, r: DecayRule, extra: { join: SQL; where: SQL } = { join: sql``, where: sql`true` }): SQL {
  const at = r.at.toISOString();
  return sql`with latest as (select key, account_id, max(created_at) as used_at from (${uses}) u group by key, account_id)
    select l.key, sum(power(0.5, greatest(0, extract(epoch from (${at}::timestamptz - l.used_at))) / ${r.halfLifeMs / 1000})) as score
    from latest l ${extra.join}
    where ${extra.where}
    group by l.key having count(*) >= ${r.minAccounts}
    order by score desc, l.key desc limit ${r.keep}`;
}

const scored = async (db: Db, query: SQL): Promise<Scored[]> => (await db.execute<{ key: string; score: number }>(query)).rows.map((r) => ({ key: String(r.key), score: Number(r.score) }));

/** Statuses by their favourites and reblogs from distinct accounts (not the author), decayed. */
export function scoreStatuses(db: Db, r: DecayRule): Promise<Scored[]> {
  const join = sql`join statuses s on s.id = l.key::bigint join accounts a on a.id = s.account_id`;
  const where = sql`l.account_id <> s.account_id and ${trendableStatus}
    and not exists (select 1 from accounts x where x.id = l.account_id and x.suspended_at is not null)`;
  return scored(db, decayed(statusInteractions(since(r)), r, { join, where }));
}

/** Addresses by the distinct accounts sharing them, decayed. */
export function scoreLinks(db: Db, r: DecayRule): Promise<Scored[]> {
  return scored(db, decayed(linkShares(since(r)), r));
}

export interface BaselineRule {
  at: Date;
  /** days of the baseline before today's 24 hours */
  baselineDays: number;
  minAccounts: number;
  keep: number;
}

/**
 * Tags by distinct accounts in the last 24 hours against the daily average of the days before:
 * (today − expected)² / expected, expected at least 1; only tags above their baseline.
 */
export function scoreTags(db: Db, r: BaselineRule): Promise<Scored[]> {
  const at = r.at.toISOString();
  const uses = tagUses(new Date(r.at.getTime() - (r.baselineDays + 1) * 86_400_000));
  return scored(
    db,
    sql`with days as (
      select key, greatest(0, floor(extract(epoch from (${at}::timestamptz - created_at)) / 86400))::int as ago, count(distinct account_id) as accounts
      from (${uses}) u group by 1, 2),
    counted as (
      select key, coalesce(sum(accounts) filter (where ago = 0), 0) as today,
        greatest(coalesce(sum(accounts) filter (where ago > 0), 0)::float / ${r.baselineDays}, 1) as expected
      from days group by key)
    select key, power(today - expected, 2) / expected as score from counted
    where today >= ${r.minAccounts} and today > expected
    order by score desc, key desc limit ${r.keep}`,
  );
}

/** The last `days` calendar days (UTC) of these keys' uses, newest first, zeros included. */
export async function historyOf(db: Db, kind: 'tag' | 'link', keys: string[], at: Date, days = 7): Promise<Map<string, TrendDay[]>> {
  const today = Math.floor(at.getTime() / 86_400_000) * 86_400;
  const start = new Date((today - (days - 1) * 86_400) * 1000);
  const uses = kind === 'tag' ? tagUses(start) : linkShares(start);
  const { rows } = await db.execute<{ key: string; day: string; uses: string; accounts: string }>(sql`
    select key, extract(epoch from date_trunc('day', created_at at time zone 'UTC'))::bigint::text as day,
      count(distinct status_id)::text as uses, count(distinct account_id)::text as accounts
    from (${uses}) u where key = any(${textArray(keys)}::text[]) group by 1, 2`);
  const found = new Map(rows.map((r) => [`${r.key} ${r.day}`, r]));
  return new Map(
    keys.map((key) => {
      const list: TrendDay[] = [];
      for (let d = 0; d < days; d++) {
        const day = String(today - d * 86_400);
        const row = found.get(`${key} ${day}`);
        list.push({ day, uses: row?.uses ?? '0', accounts: row?.accounts ?? '0' });
      }
      return [key, list];
    }),
  );
}

/** A kind's trends become these, in one commit. */
export async function replaceTrends(db: Db, kind: TrendKind, rows: (Scored & { history?: TrendDay[] })[], at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(trends).where(sql`${trends.kind} = ${kind}`);
    if (rows.length) await tx.insert(trends).values(rows.map((r) => ({ kind, key: r.key, score: r.score, history: r.history ?? [], scoredAt: at })));
  });
}
