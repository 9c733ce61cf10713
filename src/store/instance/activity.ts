// What the instance tells of its activity: weekly counts (weeks start on Monday, UTC, as in
// Mastodon) and the servers it knows.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';

/** The start of the week (Monday, UTC) `now()` falls in, as a date. */
const THIS_WEEK = sql`(date_trunc('week', now() at time zone 'utc'))::date`;

/** Notes that a user used the server this week (once a week is enough: the row is the week's). */
export async function recordLogin(db: Db, userId: string): Promise<void> {
  await db.execute(sql`insert into weekly_logins (week, user_id) values (${THIS_WEEK}, ${userId}) on conflict do nothing`);
}

export interface WeekRow {
  /** the week's first day (Monday), as YYYY-MM-DD */
  week: string;
  statuses: number;
  logins: number;
  registrations: number;
}

/**
 * The last `weeks` weeks, newest first: local public and unlisted posts (reblogs too, as Mastodon
 * counts them), users who used the server (weekly_logins, and tokens issued that week: a sign-in),
 * and sign-ups. Posts are counted over the id range of the weeks (ids carry their time: see
 * core/ids), in one pass.
 */
export async function weeklyActivity(db: Db, weeks: number): Promise<WeekRow[]> {
  const weekOf = (at: SQL) => sql`(date_trunc('week', ${at} at time zone 'utc'))::date`;
  const { rows } = await db.execute<{ week: string; statuses: string; logins: string; registrations: string }>(sql`
    with w as (
      select (${THIS_WEEK} - 7 * n) as week from generate_series(0, ${weeks - 1}::int) as n
    ), since as (
      select min(week)::timestamp at time zone 'utc' as at from w
    ), posts as (
      select ${weekOf(sql`to_timestamp((s.id >> 16) / 1000.0)`)} as week, count(*) as n from statuses s, since
      where s.id >= (extract(epoch from since.at) * 1000)::bigint << 16 and s.local and s.visibility in ('public', 'unlisted')
      group by 1
    ), logins as (
      select l.week, l.user_id from weekly_logins l, since where l.week >= since.at::date
      union
      select ${weekOf(sql`t.created_at`)}, t.user_id from oauth_tokens t, since where t.user_id is not null and t.created_at >= since.at
    ), signups as (
      select ${weekOf(sql`u.created_at`)} as week, count(*) as n from users u, since where u.created_at >= since.at group by 1
    )
    select w.week::text as week,
      coalesce((select p.n from posts p where p.week = w.week), 0)::text as statuses,
      (select count(*) from logins l where l.week = w.week)::text as logins,
      coalesce((select r.n from signups r where r.week = w.week), 0)::text as registrations
    from w order by w.week desc`);
  return rows.map((r) => ({ week: r.week, statuses: Number(r.statuses), logins: Number(r.logins), registrations: Number(r.registrations) }));
}

/** The servers this one knows accounts of, by name. */
export async function knownDomains(db: Db): Promise<string[]> {
  const { rows } = await db.execute<{ domain: string }>(sql`select distinct domain from accounts where domain is not null order by domain`);
  return rows.map((r) => r.domain);
}
