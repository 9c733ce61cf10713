// Grouped notifications in SQL: a page of groups (each group once, at its newest notification in
// the page), what each group holds up to the page's top, and the notifications of one group.
import { and, sql, type SQL } from 'drizzle-orm';
import { textArray } from '../sql-arrays.ts';
import type { Db } from '../db.ts';
import { notifications } from '../schema/index.ts';
import { filterConditions, type NotificationFilter, type NotificationRow } from './rows.ts';

export interface GroupPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  /** with minId, the groups just above it are walked upwards (oldest first) */
  minId?: string | undefined;
  limit: number;
}

export interface GroupedRow {
  /** the group's key as read with these grouped types: its own, or `ungrouped-<id>` */
  key: string;
  /** the notification standing for its group on the page: the first of the group the walk met */
  row: NotificationRow;
}

type RawRow = {
  id: string;
  account_id: string;
  from_account_id: string;
  type: NotificationRow['type'];
  status_id: string | null;
  group_key: string | null;
  filtered: boolean;
  created_at: string;
  key: string;
};

// Timestamps read with db.execute arrive as text (Drizzle's parsers), and are made dates here.

const rowOf = (r: RawRow): NotificationRow => ({
  id: r.id,
  accountId: r.account_id,
  fromAccountId: r.from_account_id,
  type: r.type,
  statusId: r.status_id,
  groupKey: r.group_key,
  filtered: r.filtered,
  createdAt: new Date(r.created_at),
});

/**
 * A page of at most `limit` groups, newest first. Notifications are walked one at a time in id
 * order (an index step each), skipping those of groups already met, so a page costs as many steps
 * as it has notifications to pass, not a grouping of all the recipient's notifications. Only
 * `groupedTypes` keep their group key; the others stand alone.
 */
export async function groupedRows(db: Db, recipientId: string, filter: NotificationFilter, groupedTypes: readonly string[], page: GroupPage): Promise<GroupedRow[]> {
  const up = Boolean(page.minId);
  const bounds: SQL[] = [];
  if (page.maxId) bounds.push(sql`${notifications.id} < ${page.maxId}`);
  if (page.minId) bounds.push(sql`${notifications.id} > ${page.minId}`);
  else if (page.sinceId) bounds.push(sql`${notifications.id} > ${page.sinceId}`);
  const where = and(filterConditions(recipientId, filter), ...bounds);
  const key = sql`(case when ${notifications.groupKey} is not null and ${notifications.type} = any(${textArray(groupedTypes)}::text[])
    then ${notifications.groupKey} else 'ungrouped-' || ${notifications.id} end)`;
  const order = up ? sql`asc` : sql`desc`;
  const beyond = up ? sql`${notifications.id} > w.id` : sql`${notifications.id} < w.id`;
  const result = await db.execute<RawRow>(sql`
    with recursive walk(id, key, seen) as (
      (select ${notifications.id}, ${key}, array[${key}] from ${notifications} where ${where} order by ${notifications.id} ${order} limit 1)
      union all
      select nx.id, nx.key, w.seen || nx.key
      from walk w cross join lateral (
        select ${notifications.id} as id, ${key} as key from ${notifications}
        where ${where} and ${beyond} and not (${key} = any(w.seen))
        order by ${notifications.id} ${order} limit 1) nx
      where cardinality(w.seen) < ${page.limit}
    )
    select n.id::text, n.account_id::text, n.from_account_id::text, n.type, n.status_id::text, n.group_key, n.filtered, n.created_at, walk.key
    from walk join notifications n on n.id = walk.id
    order by n.id desc`);
  return result.rows.map((r) => ({ key: r.key, row: rowOf(r) }));
}

/** What one stored group holds, as far as a page reaches. */
export interface GroupFacts {
  key: string;
  /** its newest notification up to the page's top */
  mostRecentId: string;
  createdAt: Date;
  count: number;
  /** senders of its newest notifications, newest first */
  sampleAccountIds: string[];
  /** its oldest and newest notifications within the page's bounds */
  pageMinId: string | null;
  pageMaxId: string | null;
  pageMaxAt: Date | null;
}

/**
 * Facts of these groups of the recipient: counted up to `top` (a page does not count what arrived
 * above it), and their ends within [bottom, top]. Without bounds, the whole group.
 */
export async function groupFacts(db: Db, recipientId: string, keys: readonly string[], samples: number, range?: { bottom: string; top: string }): Promise<Map<string, GroupFacts>> {
  if (keys.length === 0) return new Map();
  const top = range?.top ?? null;
  const bottom = range?.bottom ?? null;
  const member = sql`n.account_id = ${recipientId} and n.group_key = g.key and (${top}::bigint is null or n.id <= ${top}::bigint)`;
  const inPage = sql`${member} and n.id >= ${bottom}::bigint`;
  const result = await db.execute<{
    key: string;
    most_recent: string | null;
    created_at: string | null;
    count: number;
    samples: string[];
    page_min: string | null;
    page_max: string | null;
    page_max_at: string | null;
  }>(sql`
    select g.key,
      newest.id::text as most_recent, newest.created_at,
      (select count(*)::int from notifications n where ${member}) as count,
      array(select n.from_account_id::text from notifications n where ${member} order by n.id desc limit ${samples}) as samples,
      (select min(n.id)::text from notifications n where ${inPage}) as page_min,
      in_page.id::text as page_max, in_page.created_at as page_max_at
    from unnest(${textArray(keys)}::text[]) g(key)
    left join lateral (select n.id, n.created_at from notifications n where ${member} order by n.id desc limit 1) newest on true
    left join lateral (select n.id, n.created_at from notifications n where ${inPage} order by n.id desc limit 1) in_page on true`);
  const facts = new Map<string, GroupFacts>();
  for (const r of result.rows) {
    if (!r.most_recent || !r.created_at) continue;
    facts.set(r.key, {
      key: r.key,
      mostRecentId: r.most_recent,
      createdAt: new Date(r.created_at),
      count: r.count,
      sampleAccountIds: r.samples,
      pageMinId: r.page_min,
      pageMaxId: r.page_max,
      pageMaxAt: r.page_max_at === null ? null : new Date(r.page_max_at),
    });
  }
  return facts;
}

/** The newest notification of a stored group of the recipient. */
export async function newestOfGroup(db: Db, recipientId: string, groupKey: string): Promise<NotificationRow | undefined> {
  const result = await db.execute<RawRow>(sql`
    select n.id::text, n.account_id::text, n.from_account_id::text, n.type, n.status_id::text, n.group_key, n.filtered, n.created_at, n.group_key as key
    from notifications n where n.account_id = ${recipientId} and n.group_key = ${groupKey} order by n.id desc limit 1`);
  const raw = result.rows[0];
  return raw ? rowOf(raw) : undefined;
}

/** Senders of a group's notifications, a page at a time over the notifications' ids (newest first). */
export async function groupSenders(
  db: Db,
  recipientId: string,
  groupKey: string,
  page: { maxId?: string | undefined; sinceId?: string | undefined; limit: number },
): Promise<{ id: string; accountId: string }[]> {
  const result = await db.execute<{ id: string; account_id: string }>(sql`
    select n.id::text, n.from_account_id::text as account_id from notifications n
    where n.account_id = ${recipientId} and n.group_key = ${groupKey}
      and (${page.maxId ?? null}::bigint is null or n.id < ${page.maxId ?? null}::bigint)
      and (${page.sinceId ?? null}::bigint is null or n.id > ${page.sinceId ?? null}::bigint)
    order by n.id desc limit ${page.limit}`);
  return result.rows.map((r) => ({ id: r.id, accountId: r.account_id }));
}
