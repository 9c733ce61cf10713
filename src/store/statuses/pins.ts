// Statuses pinned to their author's profile (status_pins).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { statusPins } from '../schema/index.ts';

/** Until the transaction ends, other pins of this account wait (so two cannot both slip under a limit). */
export async function lockPins(tx: DbOrTx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('pins'), hashtext(${accountId}))`);
}

export async function pinCount(tx: DbOrTx, accountId: string): Promise<number> {
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(statusPins).where(eq(statusPins.accountId, accountId));
  return count?.n ?? 0;
}

export async function isPinned(tx: DbOrTx, accountId: string, statusId: string): Promise<boolean> {
  return (await tx.query.statusPins.findFirst({ where: and(eq(statusPins.accountId, accountId), eq(statusPins.statusId, statusId)) })) !== undefined;
}

export async function insertPin(tx: DbOrTx, id: string, accountId: string, statusId: string): Promise<void> {
  await tx.insert(statusPins).values({ id, accountId, statusId });
}

export async function deletePin(db: DbOrTx, accountId: string, statusId: string): Promise<void> {
  await db.delete(statusPins).where(and(eq(statusPins.accountId, accountId), eq(statusPins.statusId, statusId)));
}

/** The account's pinned statuses, the latest pinned first. */
export async function pinnedIds(db: DbOrTx, accountId: string): Promise<string[]> {
  const rows = await db.select({ id: statusPins.statusId }).from(statusPins).where(eq(statusPins.accountId, accountId)).orderBy(desc(statusPins.id));
  return rows.map((r) => r.id);
}
