// A hashtag's daily use (tag_days, tag_day_accounts): counted as fan-out takes new statuses, read
// for a week's history.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';

/** Days are UTC days; a status counts on the day it was written. */
const DAY = sql.raw(`(s.created_at at time zone 'UTC')::date`);
/** The first day of the week kept (today and the six before). */
const WEEK_START = sql.raw(`((now() at time zone 'UTC')::date - 6)`);

/**
 * Counts the hashtags of these statuses on their days: public posts only (not reblogs), as
 * Mastodon's trends count them, each author once a day. Older than a week, a status (a remote one
 * arriving late) is not counted: its day is no longer shown. Rows are written in key order, so
 * two batches counting the same tags wait for each other rather than deadlock.
 */
export async function countTagDays(tx: Pick<DbOrTx, 'execute'>, statusIds: readonly string[]): Promise<void> {
  if (statusIds.length === 0) return;
  await tx.execute(sql`
    with used as (
      select st.tag_id, ${DAY} as day, s.account_id, count(*)::int as n
      from statuses s join status_tags st on st.status_id = s.id
      where s.id = any(${`{${statusIds.join(',')}}`}::bigint[]) and s.visibility = 'public' and s.reblog_of_id is null
        and ${DAY} >= ${WEEK_START}
      group by 1, 2, 3
    ), first_today as (
      insert into tag_day_accounts (tag_id, day, account_id) select tag_id, day, account_id from used order by 1, 2, 3
      on conflict do nothing returning tag_id, day
    )
    insert into tag_days (tag_id, day, uses, accounts)
    select u.tag_id, u.day, sum(u.n), (select count(*) from first_today f where f.tag_id = u.tag_id and f.day = u.day)
    from used u group by u.tag_id, u.day order by 1, 2
    on conflict (tag_id, day) do update set uses = tag_days.uses + excluded.uses, accounts = tag_days.accounts + excluded.accounts`);
}

/** The week's counted days of these tags (days without a use have no row). */
export async function tagDaysOf(db: DbOrTx, tagIds: readonly string[]): Promise<{ tagId: string; day: string; uses: number; accounts: number }[]> {
  if (tagIds.length === 0) return [];
  const { rows } = await db.execute<{ tag_id: string; day: string; uses: number; accounts: number }>(sql`
    select tag_id::text, day::text, uses, accounts from tag_days
    where tag_id = any(${`{${tagIds.join(',')}}`}::bigint[]) and day >= ${WEEK_START}`);
  return rows.map((r) => ({ tagId: r.tag_id, day: r.day, uses: r.uses, accounts: r.accounts }));
}

/** Forgets who used tags before the week shown: those days take no new use. */
export async function pruneTagDayAccounts(db: DbOrTx): Promise<number> {
  const { rowCount } = await db.execute(sql`delete from tag_day_accounts where day < ${WEEK_START}`);
  return rowCount ?? 0;
}
