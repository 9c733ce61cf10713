// The statuses table as the status verbs use it: rows by author, reblogs, counters, deletion.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { statuses, type StatusRow, type Visibility } from '../schema/index.ts';

/** A status and its author, for what a delete must reach. */
export interface StatusRef {
  id: string;
  accountId: string;
}

export function statusOf(db: DbOrTx, authorId: string, id: string): Promise<StatusRow | undefined> {
  return db.query.statuses.findFirst({ where: and(eq(statuses.id, id), eq(statuses.accountId, authorId)) });
}

/** The account's reblog of this status, if it made one. */
export function reblogBy(db: DbOrTx, accountId: string, targetId: string): Promise<StatusRow | undefined> {
  return db.query.statuses.findFirst({ where: and(eq(statuses.accountId, accountId), eq(statuses.reblogOfId, targetId)) });
}

export function reblogsOf(db: DbOrTx, id: string): Promise<StatusRef[]> {
  return db.select({ id: statuses.id, accountId: statuses.accountId }).from(statuses).where(eq(statuses.reblogOfId, id));
}

/** Writes a status row as given (each column not given takes its default). */
export async function insertStatus(tx: DbOrTx, row: typeof statuses.$inferInsert): Promise<void> {
  await tx.insert(statuses).values(row);
}

/** Writes a reblog unless the account made one already; whether it did. */
export async function insertReblog(
  tx: DbOrTx,
  values: { id: string; accountId: string; local: boolean; visibility: Visibility; reblogOfId: string; uri: string | null; conversationId: string },
): Promise<boolean> {
  const inserted = await tx.insert(statuses).values(values).onConflictDoNothing().returning({ id: statuses.id });
  return inserted.length > 0;
}

/** Whether the status was there to delete. */
export async function deleteStatus(tx: DbOrTx, id: string): Promise<boolean> {
  const deleted = await tx.delete(statuses).where(eq(statuses.id, id)).returning({ id: statuses.id });
  return deleted.length > 0;
}

export async function updateContent(
  tx: DbOrTx,
  id: string,
  set: { text: string; contentHtml: string; spoilerText: string; sensitive: boolean; language: string | null; editedAt?: Date },
): Promise<void> {
  await tx.update(statuses).set(set).where(eq(statuses.id, id));
}

const COUNTERS = { replies: 'repliesCount', reblogs: 'reblogsCount', favourites: 'favouritesCount', quotes: 'quotesCount' } as const;

/** Moves one of a status's counters, never below zero. */
export async function addToCount(tx: DbOrTx, id: string, counter: keyof typeof COUNTERS, delta: 1 | -1): Promise<void> {
  const key = COUNTERS[counter];
  const value = delta > 0 ? sql`${statuses[key]} + 1` : sql`greatest(${statuses[key]} - 1, 0)`;
  await tx
    .update(statuses)
    .set({ [key]: value })
    .where(eq(statuses.id, id));
}

/** Moves an account's status count (new statuses are counted by fan-out, see timelines/fanout). */
export async function addToStatusesCount(tx: DbOrTx, accountId: string, delta: number): Promise<void> {
  await tx.execute(sql`
    insert into account_stats (account_id, statuses_count) values (${accountId}, greatest(${delta}, 0))
    on conflict (account_id) do update set statuses_count = greatest(account_stats.statuses_count + ${delta}, 0)`);
}
