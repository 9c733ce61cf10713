// The events table and who runs each event with its host.
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { eventMembers, events, type EventMemberRow, type EventRole, type EventRow } from '../schema/index.ts';

export type { EventMemberRow, EventRow };

export async function insertEvent(tx: DbOrTx, row: typeof events.$inferInsert): Promise<EventRow> {
  const [made] = await tx.insert(events).values(row).returning();
  return made!;
}

export async function eventById(db: DbOrTx, id: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, id));
  return row;
}

/** The event row, locked until the transaction ends (edits and ends are made one at a time). */
export async function lockEvent(tx: DbOrTx, id: string): Promise<EventRow | undefined> {
  const [row] = await tx.select().from(events).where(eq(events.id, id)).for('update');
  return row;
}

export async function updateEvent(tx: DbOrTx, id: string, values: Partial<typeof events.$inferInsert>): Promise<EventRow> {
  const [row] = await tx
    .update(events)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(events.id, id))
    .returning();
  return row!;
}

export type EventWhen = 'upcoming' | 'live' | 'ended';

/** Events newest first, of one host and at one moment of their lives when asked. */
export function listEvents(db: DbOrTx, filter: { accountId?: string | undefined; when?: EventWhen | undefined; maxId?: string | undefined; limit: number }, now = new Date()): Promise<EventRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.accountId) conditions.push(eq(events.accountId, filter.accountId));
  if (filter.maxId) conditions.push(lt(events.id, filter.maxId));
  const ended = or(lte(events.endsAt, now), lte(events.endedAt, now));
  if (filter.when === 'ended') conditions.push(ended);
  if (filter.when === 'upcoming') conditions.push(and(gt(events.startsAt, now), isNull(events.endedAt)));
  if (filter.when === 'live') conditions.push(and(lte(events.startsAt, now), gt(events.endsAt, now), isNull(events.endedAt)));
  return db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(filter.when === 'upcoming' ? asc(events.startsAt) : desc(events.id))
    .limit(filter.limit);
}

/** The account's role in the event: host, a member's role, or null for the audience. */
export async function roleIn(db: DbOrTx, event: Pick<EventRow, 'id' | 'accountId'>, accountId: string | null): Promise<EventRole | null> {
  if (!accountId) return null;
  if (accountId === event.accountId) return 'host';
  const [row] = await db
    .select({ role: eventMembers.role })
    .from(eventMembers)
    .where(and(eq(eventMembers.eventId, event.id), eq(eventMembers.accountId, accountId)));
  return row?.role ?? null;
}

/** The account's roles in several events at once (a page of events): host, a member's role, or none. */
export async function rolesIn(db: DbOrTx, list: readonly Pick<EventRow, 'id' | 'accountId'>[], accountId: string | null): Promise<Map<string, EventRole>> {
  const roles = new Map<string, EventRole>();
  if (!accountId || list.length === 0) return roles;
  const rows = await db
    .select({ eventId: eventMembers.eventId, role: eventMembers.role })
    .from(eventMembers)
    .where(
      and(
        eq(eventMembers.accountId, accountId),
        inArray(
          eventMembers.eventId,
          list.map((e) => e.id),
        ),
      ),
    );
  for (const r of rows) roles.set(r.eventId, r.role);
  for (const e of list) if (e.accountId === accountId) roles.set(e.id, 'host');
  return roles;
}

export function membersOf(db: DbOrTx, eventId: string): Promise<EventMemberRow[]> {
  return db.select().from(eventMembers).where(eq(eventMembers.eventId, eventId)).orderBy(asc(eventMembers.createdAt));
}

/** Gives an account a role (a new one replaces the old). */
export async function setMember(tx: DbOrTx, row: { eventId: string; accountId: string; role: Exclude<EventRole, 'host'> }): Promise<EventMemberRow> {
  const [made] = await tx
    .insert(eventMembers)
    .values(row)
    .onConflictDoUpdate({ target: [eventMembers.eventId, eventMembers.accountId], set: { role: row.role } })
    .returning();
  return made!;
}

export async function removeMember(tx: DbOrTx, eventId: string, accountId: string): Promise<boolean> {
  const gone = await tx
    .delete(eventMembers)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.accountId, accountId)))
    .returning({ accountId: eventMembers.accountId });
  return gone.length > 0;
}
