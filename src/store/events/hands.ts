// A briefing's raised hands, and a coverage event's updates.
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { eventHands, eventUpdates, type EventHandRow } from '../schema/index.ts';

export type { EventHandRow };

/** Raises a hand (again, if it was called on: back to the end of the queue). */
export async function raiseHand(tx: DbOrTx, eventId: string, accountId: string): Promise<void> {
  await tx
    .insert(eventHands)
    .values({ eventId, accountId })
    .onConflictDoUpdate({ target: [eventHands.eventId, eventHands.accountId], set: { raisedAt: sql`now()`, calledAt: null }, setWhere: sql`${eventHands.calledAt} is not null` });
}

export async function lowerHand(tx: DbOrTx, eventId: string, accountId: string): Promise<boolean> {
  const gone = await tx
    .delete(eventHands)
    .where(and(eq(eventHands.eventId, eventId), eq(eventHands.accountId, accountId)))
    .returning({ accountId: eventHands.accountId });
  return gone.length > 0;
}

export async function callHand(tx: DbOrTx, eventId: string, accountId: string): Promise<EventHandRow | undefined> {
  const [row] = await tx
    .update(eventHands)
    .set({ calledAt: new Date() })
    .where(and(eq(eventHands.eventId, eventId), eq(eventHands.accountId, accountId)))
    .returning();
  return row;
}

/** One account's raised hands in these events, by event. */
export async function handsOfAccount(db: DbOrTx, eventIds: readonly string[], accountId: string): Promise<Map<string, EventHandRow>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(eventHands)
    .where(and(eq(eventHands.accountId, accountId), inArray(eventHands.eventId, [...eventIds])));
  return new Map(rows.map((r) => [r.eventId, r]));
}

/** Raised hands in the order raised; those called on last, most recent first. */
export function handsOf(db: DbOrTx, eventId: string): Promise<EventHandRow[]> {
  return db.select().from(eventHands).where(eq(eventHands.eventId, eventId)).orderBy(sql`${eventHands.calledAt} is not null`, asc(eventHands.raisedAt), desc(eventHands.calledAt));
}

export async function addUpdate(tx: DbOrTx, eventId: string, statusId: string): Promise<boolean> {
  const made = await tx.insert(eventUpdates).values({ eventId, statusId }).onConflictDoNothing().returning({ statusId: eventUpdates.statusId });
  return made.length > 0;
}

/** A coverage event's update posts, newest first. */
export async function updatesOf(db: DbOrTx, eventId: string, page: { maxId?: string | undefined; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ statusId: eventUpdates.statusId })
    .from(eventUpdates)
    .where(and(eq(eventUpdates.eventId, eventId), page.maxId ? lt(eventUpdates.statusId, page.maxId) : undefined))
    .orderBy(desc(eventUpdates.statusId))
    .limit(page.limit);
  return rows.map((r) => r.statusId);
}
