// Scheduled posts (scheduled_statuses) and the uploads they reserve. Scheduling and rescheduling
// hold the author's lock (`lockScheduling`) for their transaction, so the limits count exactly.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import type { PageOver } from '../relations/related-accounts.ts';
import { oauthApps, scheduledStatuses, type ScheduledStatusRow } from '../schema/index.ts';

export async function lockScheduling(tx: DbOrTx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('scheduled_statuses'), hashtext(${accountId}))`);
}

/** How many posts the account has scheduled: in all, and (when `day` is given) on that day, in UTC, leaving out `except`. */
export async function countScheduled(db: DbOrTx, accountId: string, day?: { at: Date; except?: string | undefined }): Promise<number> {
  const onDay = day ? sql`and (scheduled_at at time zone 'UTC')::date = (${day.at.toISOString()}::timestamptz at time zone 'UTC')::date` : sql``;
  const except = day?.except ? sql`and id <> ${day.except}` : sql``;
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from scheduled_statuses where account_id = ${accountId} ${onDay} ${except}`);
  return rows[0]!.n;
}

export async function insertScheduled(tx: DbOrTx, row: typeof scheduledStatuses.$inferInsert): Promise<ScheduledStatusRow> {
  const [made] = await tx.insert(scheduledStatuses).values(row).returning();
  return made!;
}

/** Reserves these uploads for the scheduled post; answers how many were free to reserve. */
export async function reserveMedia(tx: DbOrTx, scheduledId: string, mediaIds: readonly string[]): Promise<number> {
  if (mediaIds.length === 0) return 0;
  const { rowCount } = await tx.execute(sql`
    update media_attachments set scheduled_status_id = ${scheduledId}
     where id = any(${`{${mediaIds.join(',')}}`}::bigint[]) and status_id is null and scheduled_status_id is null`);
  return rowCount ?? 0;
}

/** The owner's scheduled post of this id. */
export async function scheduledOf(db: DbOrTx, ownerId: string, id: string): Promise<ScheduledStatusRow | undefined> {
  return db.query.scheduledStatuses.findFirst({ where: and(eq(scheduledStatuses.id, id), eq(scheduledStatuses.accountId, ownerId)) });
}

/** A page of the owner's scheduled posts, by id. */
export async function scheduledRows(db: DbOrTx, ownerId: string, page: { over: PageOver; limit: number }): Promise<ScheduledStatusRow[]> {
  const p = page.over(scheduledStatuses.id);
  return db
    .select()
    .from(scheduledStatuses)
    .where(and(eq(scheduledStatuses.accountId, ownerId), p.where))
    .orderBy(p.order)
    .limit(page.limit);
}

export async function updateScheduledAt(tx: DbOrTx, id: string, at: Date): Promise<ScheduledStatusRow> {
  const [row] = await tx.update(scheduledStatuses).set({ scheduledAt: at }).where(eq(scheduledStatuses.id, id)).returning();
  return row!;
}

/** Deletes the scheduled post (its uploads are freed by the foreign key); answers whether it was there. */
export async function deleteScheduled(tx: DbOrTx, id: string): Promise<boolean> {
  const gone = await tx.delete(scheduledStatuses).where(eq(scheduledStatuses.id, id)).returning({ id: scheduledStatuses.id });
  return gone.length > 0;
}

/** The scheduled post as its job finds it: whether it is due by the database's clock, and its app. */
export async function scheduledToPublish(db: DbOrTx, id: string): Promise<{ row: ScheduledStatusRow; due: boolean; app: { id: string; name: string; website: string | null } | null } | undefined> {
  const [found] = await db
    .select({ row: scheduledStatuses, due: sql<boolean>`${scheduledStatuses.scheduledAt} <= now()`, app: { id: oauthApps.id, name: oauthApps.name, website: oauthApps.website } })
    .from(scheduledStatuses)
    .leftJoin(oauthApps, eq(oauthApps.id, scheduledStatuses.appId))
    .where(eq(scheduledStatuses.id, id));
  return found && { row: found.row, due: found.due, app: found.app };
}
