// Notification requests: one per sender whose mentions a policy filtered, counted from the filtered
// notifications themselves; accepting one lets its notifications through, dismissing one drops them.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../infra/jobs.ts';
import type { Db, DbOrTx } from '../db.ts';
import { notificationRequests, type NotificationRequestRow } from '../schema/index.ts';

export interface PendingRequest extends NotificationRequestRow {
  /** the sender's filtered notifications */
  notificationsCount: number;
}

// The request's columns are named with their table: Drizzle writes a one-table select's columns
// bare ("account_id"), which inside these subqueries would name the notification's own column.
const ofRequest = (column: 'account_id' | 'from_account_id') => sql.raw(`notification_requests.${column}`);

/** A request counts while its sender has filtered notifications left (dismissing them one by one empties it). */
const stillPending = sql`exists (select 1 from notifications n where n.account_id = ${ofRequest('account_id')}
  and n.from_account_id = ${ofRequest('from_account_id')} and n.filtered)`;
const filteredCount = sql<number>`(select count(*)::int from notifications n where n.account_id = ${ofRequest('account_id')}
  and n.from_account_id = ${ofRequest('from_account_id')} and n.filtered)`;

/** The sender's request to the recipient, made on their first filtered mention and moved to each later one. */
export async function saveRequest(tx: Executor, r: { id: string; accountId: string; fromAccountId: string; lastStatusId: string }): Promise<void> {
  await tx.execute(sql`
    insert into notification_requests (id, account_id, from_account_id, last_status_id)
    values (${r.id}, ${r.accountId}, ${r.fromAccountId}, ${r.lastStatusId})
    on conflict (account_id, from_account_id) do update set last_status_id = excluded.last_status_id, updated_at = now()`);
}

/** A page of the recipient's pending requests, in the order `page` gives. */
export async function requestRows(db: Db, recipientId: string, page: { where: SQL | undefined; order: SQL; limit: number }): Promise<PendingRequest[]> {
  const rows = await db
    .select({ request: notificationRequests, count: filteredCount })
    .from(notificationRequests)
    .where(and(eq(notificationRequests.accountId, recipientId), stillPending, page.where))
    .orderBy(page.order)
    .limit(page.limit);
  return rows.map((r) => ({ ...r.request, notificationsCount: r.count }));
}

export async function requestOf(db: Db, recipientId: string, id: string): Promise<PendingRequest | undefined> {
  const [row] = await db
    .select({ request: notificationRequests, count: filteredCount })
    .from(notificationRequests)
    .where(and(eq(notificationRequests.accountId, recipientId), eq(notificationRequests.id, id), stillPending));
  return row ? { ...row.request, notificationsCount: row.count } : undefined;
}

const idArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Accepts the recipient's requests of these ids, in one statement: they go, their senders are
 * let through from now on, and their filtered notifications join the others.
 */
export async function acceptRequests(db: Db, recipientId: string, ids: readonly string[]): Promise<string[]> {
  const result = await db.execute<{ from_account_id: string }>(sql`
    with gone as (
      delete from notification_requests where account_id = ${recipientId} and id = any(${idArray(ids)}::bigint[]) returning from_account_id),
    allowed as (
      insert into notification_permissions (account_id, from_account_id) select ${recipientId}, from_account_id from gone on conflict do nothing),
    merged as (
      update notifications set filtered = false
      where account_id = ${recipientId} and filtered and from_account_id in (select from_account_id from gone))
    select from_account_id::text from gone`);
  return result.rows.map((r) => r.from_account_id);
}

/** Dismisses the recipient's requests of these ids, and their filtered notifications with them. */
export async function dismissRequests(db: Db, recipientId: string, ids: readonly string[]): Promise<number> {
  const result = await db.execute<{ from_account_id: string }>(sql`
    with gone as (
      delete from notification_requests where account_id = ${recipientId} and id = any(${idArray(ids)}::bigint[]) returning from_account_id),
    dropped as (
      delete from notifications where account_id = ${recipientId} and filtered and from_account_id in (select from_account_id from gone))
    select from_account_id::text from gone`);
  return result.rows.length;
}

export async function deleteAllRequests(db: DbOrTx, recipientId: string): Promise<void> {
  await db.delete(notificationRequests).where(eq(notificationRequests.accountId, recipientId));
}

/** Pending requests (counted up to `cap`) and the filtered notifications they hold. */
export async function pendingSummary(db: Db, recipientId: string, cap: number): Promise<{ requests: number; notifications: number }> {
  const result = await db.execute<{ requests: number; notifications: number }>(sql`
    select
      (select count(*)::int from (select 1 from notification_requests where account_id = ${recipientId} and ${stillPending} limit ${cap}) r) as requests,
      (select count(*)::int from notifications n where n.account_id = ${recipientId} and n.filtered
        and exists (select 1 from notification_requests r where r.account_id = ${recipientId} and r.from_account_id = n.from_account_id)) as notifications`);
  return result.rows[0] ?? { requests: 0, notifications: 0 };
}
