// The notifications table: written in the transaction of what caused them, read a page at a time,
// dismissed one, a group or all at once.
import { and, eq, gt, inArray, not, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../infra/jobs.ts';
import { textArray } from '../sql-arrays.ts';
import type { Db, DbOrTx } from '../db.ts';
import { notifications, type NotificationType } from '../schema/index.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** Which of the recipient's notifications a read is about. */
export interface NotificationFilter {
  types?: NotificationType[] | undefined;
  excludeTypes?: NotificationType[] | undefined;
  fromAccountId?: string | undefined;
  /** filtered ones too (they are also read when asking for one sender's: Mastodon's request screen does) */
  includeFiltered?: boolean | undefined;
}

/** The conditions of a filter, on the unaliased `notifications` table. */
export function filterConditions(recipientId: string, filter: NotificationFilter): SQL {
  const conditions: (SQL | undefined)[] = [eq(notifications.accountId, recipientId)];
  if (filter.types?.length) conditions.push(inArray(notifications.type, filter.types));
  if (filter.excludeTypes?.length) conditions.push(notInArray(notifications.type, filter.excludeTypes));
  if (filter.fromAccountId) conditions.push(eq(notifications.fromAccountId, filter.fromAccountId));
  if (!filter.includeFiltered && !filter.fromAccountId) conditions.push(not(notifications.filtered));
  return and(...conditions)!;
}

export interface NotificationInsert {
  id: string;
  recipientId: string;
  fromId: string;
  type: NotificationType;
  statusId: string | null;
  filtered: boolean;
  /** the groups it may join, newest first; it starts the first when it joins none (core/notifications/group-key) */
  groupKeys: string[] | null;
}

/**
 * Inserts a notification unless its recipient is no user here, blocks the sender, mutes them with
 * notifications hidden, blocks their server (without following them), or muted the conversation. Returns its id and group key, or nothing.
 */
export async function insertNotification(tx: Executor, n: NotificationInsert): Promise<{ id: string; groupKey: string | null } | undefined> {
  const keys = n.groupKeys ? textArray(n.groupKeys) : null;
  const result = await tx.execute<{ id: string; group_key: string | null }>(sql`
    insert into notifications (id, account_id, from_account_id, type, status_id, filtered, group_key)
    select ${n.id}, ${n.recipientId}, ${n.fromId}, ${n.type}, ${n.statusId}, ${n.filtered},
      case when ${keys}::text[] is null then null else coalesce(
        (select k.key from unnest(${keys}::text[]) with ordinality k(key, o)
         where exists (select 1 from notifications g where g.account_id = ${n.recipientId} and g.group_key = k.key)
         order by k.o limit 1),
        (${keys}::text[])[1]) end
    where exists (select 1 from users u where u.account_id = ${n.recipientId})
      and not exists (select 1 from blocks b where b.account_id = ${n.recipientId} and b.target_account_id = ${n.fromId})
      and not exists (select 1 from mutes m where m.account_id = ${n.recipientId} and m.target_account_id = ${n.fromId}
                      and m.hide_notifications and (m.expires_at is null or m.expires_at > now()))
      and not exists (select 1 from conversation_mutes cm join statuses s on s.conversation_id = cm.conversation_id
                      where cm.account_id = ${n.recipientId} and s.id = ${n.statusId}::bigint)
      -- a sender of a server the recipient blocks, unless the recipient follows them (as Mastodon)
      and not exists (select 1 from accounts fa join account_domain_blocks adb on adb.account_id = ${n.recipientId} and adb.domain = fa.domain
                      where fa.id = ${n.fromId}
                        and not exists (select 1 from follows nf where nf.account_id = ${n.recipientId} and nf.target_account_id = ${n.fromId}))
    returning id::text, group_key`);
  const row = result.rows[0];
  return row ? { id: row.id, groupKey: row.group_key } : undefined;
}

/** A page of notifications, in the order `over` gives (pagination over their ids). */
export function notificationRows(db: Db, recipientId: string, filter: NotificationFilter, page: { where: SQL | undefined; order: SQL; limit: number }): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(filterConditions(recipientId, filter), page.where))
    .orderBy(page.order)
    .limit(page.limit);
}

export function notificationOf(db: Db, recipientId: string, id: string): Promise<NotificationRow | undefined> {
  return db.query.notifications.findFirst({ where: and(eq(notifications.id, id), eq(notifications.accountId, recipientId)) });
}

/** Deletes the recipient's notifications of these ids, or of this group; returns how many went. */
export async function deleteNotifications(db: DbOrTx, recipientId: string, which: { id: string } | { groupKey: string }): Promise<number> {
  const match = 'id' in which ? eq(notifications.id, which.id) : eq(notifications.groupKey, which.groupKey);
  const deleted = await db
    .delete(notifications)
    .where(and(eq(notifications.accountId, recipientId), match))
    .returning({ id: notifications.id });
  return deleted.length;
}

export async function deleteAllNotifications(db: DbOrTx, recipientId: string): Promise<void> {
  await db.delete(notifications).where(eq(notifications.accountId, recipientId));
}

/** How many of the filter's notifications are newer than `afterId` (all without one), counting at most `limit`. */
export async function countNewer(db: Db, recipientId: string, filter: NotificationFilter, afterId: string | undefined, limit: number): Promise<number> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(filterConditions(recipientId, filter), afterId ? gt(notifications.id, afterId) : undefined))
    .limit(limit);
  return rows.length;
}
