// What an account's year consists of, for its annual report (core/annual-reports/compute). Every
// query reads the account's own statuses of the year by the statuses_account_idx range: the ids
// of a year lie between the smallest ids that could have been made at its first and its last
// moment (snowflakes sort by time). Only the account's own rows are read, so nothing of another
// account's private posts (their text, their ids) can reach a report.
import { sql, type SQL } from 'drizzle-orm';
import { idAtTime } from '../../core/ids.ts';
import type { DbOrTx } from '../db.ts';

type Executor = Pick<DbOrTx, 'execute'>;

/** The statuses of `accountId` made in `year` (UTC), as a where-clause over `statuses s`. */
function ofYear(accountId: string, year: number): SQL {
  const from = idAtTime(Date.UTC(year, 0, 1));
  const to = idAtTime(Date.UTC(year + 1, 0, 1));
  return sql`s.account_id = ${accountId} and s.id >= ${from} and s.id < ${to}`;
}

/** A reply to someone else (an answer in one's own thread is a post of the thread, as in Mastodon). */
const REPLY = sql.raw(`s.in_reply_to_id is not null and s.in_reply_to_account_id is distinct from s.account_id`);

export interface YearCounts {
  total: number;
  reblogs: number;
  replies: number;
  /** neither a reblog nor a reply to someone else */
  standalone: number;
  polls: number;
  favouritesReceived: number;
  reblogsReceived: number;
  repliesReceived: number;
}

export async function yearCounts(db: Executor, accountId: string, year: number): Promise<YearCounts> {
  const { rows } = await db.execute<Record<string, number>>(sql`
    select count(*)::int as total,
      count(*) filter (where s.reblog_of_id is not null)::int as reblogs,
      count(*) filter (where ${REPLY})::int as replies,
      count(*) filter (where s.reblog_of_id is null and not (${REPLY}))::int as standalone,
      count(*) filter (where exists (select 1 from polls p where p.status_id = s.id))::int as polls,
      coalesce(sum(s.favourites_count) filter (where s.reblog_of_id is null), 0)::int as favourites,
      coalesce(sum(s.reblogs_count) filter (where s.reblog_of_id is null), 0)::int as reblogs_received,
      coalesce(sum(s.replies_count) filter (where s.reblog_of_id is null), 0)::int as replies_received
    from statuses s where ${ofYear(accountId, year)}`);
  const r = rows[0]!;
  return {
    total: r.total!,
    reblogs: r.reblogs!,
    replies: r.replies!,
    standalone: r.standalone!,
    polls: r.polls!,
    favouritesReceived: r.favourites!,
    reblogsReceived: r.reblogs_received!,
    repliesReceived: r.replies_received!,
  };
}

export type TopBy = 'reblogs_count' | 'favourites_count' | 'replies_count';

/**
 * The account's public post of the year most reblogged, favourited or replied to (one with none is
 * no top post), leaving out those already chosen: each top names a different post.
 */
export async function topStatus(db: Executor, accountId: string, year: number, by: TopBy, except: string[]): Promise<string | null> {
  const column = sql.raw(`s.${by}`);
  const { rows } = await db.execute<{ id: string }>(sql`
    select s.id::text as id from statuses s
    where ${ofYear(accountId, year)} and s.reblog_of_id is null and s.visibility = 'public' and ${column} > 0
      and not (s.id = any(${`{${except.join(',')}}`}::bigint[]))
    order by ${column} desc, s.id desc limit 1`);
  return rows[0]?.id ?? null;
}

/** Hashtags used more than once in the year's posts, most used first (as first written). */
export async function topHashtags(db: Executor, accountId: string, year: number, limit: number): Promise<{ name: string; count: number }[]> {
  const { rows } = await db.execute<{ name: string; count: number }>(sql`
    select t.display_name as name, count(*)::int as count
    from statuses s join status_tags st on st.status_id = s.id join tags t on t.id = st.tag_id
    where ${ofYear(accountId, year)} and s.reblog_of_id is null
    group by t.id, t.display_name having count(*) > 1 order by count(*) desc, t.display_name limit ${limit}`);
  return rows;
}

/** The apps the year's posts were written with, most used first. */
export async function mostUsedApps(db: Executor, accountId: string, year: number, limit: number): Promise<{ name: string; count: number }[]> {
  const { rows } = await db.execute<{ name: string; count: number }>(sql`
    select a.name, count(*)::int as count
    from statuses s join oauth_apps a on a.id = s.app_id
    where ${ofYear(accountId, year)} and s.reblog_of_id is null
    group by a.name order by count(*) desc, a.name limit ${limit}`);
  return rows;
}

/** Accounts the account replied to, or reblogged, most often in the year (ids as strings). */
export async function mostInteracted(db: Executor, accountId: string, year: number, how: 'replied' | 'reblogged', limit: number): Promise<{ accountId: string; count: number }[]> {
  const query =
    how === 'replied'
      ? sql`select s.in_reply_to_account_id::text as account_id, count(*)::int as count from statuses s
          where ${ofYear(accountId, year)} and ${REPLY} and s.in_reply_to_account_id is not null
          group by 1 order by count(*) desc, 1 limit ${limit}`
      : sql`select o.account_id::text as account_id, count(*)::int as count from statuses s join statuses o on o.id = s.reblog_of_id
          where ${ofYear(accountId, year)} and o.account_id <> ${accountId}
          group by 1 order by count(*) desc, 1 limit ${limit}`;
  const { rows } = await db.execute<{ account_id: string; count: number }>(query);
  return rows.map((r) => ({ accountId: r.account_id, count: r.count }));
}

/** Per month (1–12) of the year: statuses made, accounts followed, followers gained (still in place). */
export async function monthlySeries(db: Executor, accountId: string, year: number): Promise<{ month: number; statuses: number; following: number; followers: number }[]> {
  const start = new Date(Date.UTC(year, 0, 1)).toISOString();
  const end = new Date(Date.UTC(year + 1, 0, 1)).toISOString();
  const month = (column: string) => sql.raw(`extract(month from ${column} at time zone 'UTC')::int`);
  const { rows } = await db.execute<{ month: number; statuses: number; following: number; followers: number }>(sql`
    with m as (select generate_series(1, 12) as month),
    st as (select ${month('s.created_at')} as month, count(*)::int as n from statuses s where ${ofYear(accountId, year)} group by 1),
    fg as (select ${month('f.created_at')} as month, count(*)::int as n from follows f
      where f.account_id = ${accountId} and f.created_at >= ${start}::timestamptz and f.created_at < ${end}::timestamptz group by 1),
    fr as (select ${month('f.created_at')} as month, count(*)::int as n from follows f
      where f.target_account_id = ${accountId} and f.created_at >= ${start}::timestamptz and f.created_at < ${end}::timestamptz group by 1)
    select m.month, coalesce(st.n, 0) as statuses, coalesce(fg.n, 0) as following, coalesce(fr.n, 0) as followers
    from m left join st using (month) left join fg using (month) left join fr using (month) order by m.month`);
  return rows;
}

/**
 * Which share (0–100) of the local accounts that posted in the year posted fewer statuses than
 * this one. One grouped read of the year's local statuses: a job's work, never a request's.
 */
export async function postingPercentile(db: Executor, accountId: string, year: number): Promise<number> {
  const from = idAtTime(Date.UTC(year, 0, 1));
  const to = idAtTime(Date.UTC(year + 1, 0, 1));
  const { rows } = await db.execute<{ below: number; posters: number }>(sql`
    with per as (select s.account_id, count(*) as n from statuses s where s.local and s.id >= ${from} and s.id < ${to} group by 1),
    mine as (select coalesce((select n from per where account_id = ${accountId}), 0) as n)
    select (select count(*) from per, mine where per.n < mine.n)::int as below, (select count(*) from per)::int as posters`);
  const r = rows[0]!;
  return r.posters === 0 ? 0 : Math.round((1000 * r.below) / r.posters) / 10;
}

/** The account existed by the year's end and made at least one status in it (the eligibility facts). */
export async function yearFacts(db: Executor, accountId: string, year: number): Promise<{ existed: boolean; posted: boolean }> {
  const end = new Date(Date.UTC(year + 1, 0, 1)).toISOString();
  const { rows } = await db.execute<{ existed: boolean; posted: boolean }>(sql`
    select exists (select 1 from accounts a where a.id = ${accountId} and a.created_at < ${end}::timestamptz) as existed,
      exists (select 1 from statuses s where ${ofYear(accountId, year)}) as posted`);
  return rows[0]!;
}
