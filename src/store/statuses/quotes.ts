// The quotes table: which status quotes which, and whether its author agreed (see core/statuses/quote*).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { quotes, statuses, type QuoteRow, type QuoteState } from '../schema/index.ts';
import type { PageWindow } from './people.ts';

export type NewQuoteRow = typeof quotes.$inferInsert;

export async function insertQuote(tx: DbOrTx, row: NewQuoteRow): Promise<void> {
  await tx.insert(quotes).values(row).onConflictDoNothing();
}

/** The quotes made by these statuses. */
export function quotesOfStatuses(db: DbOrTx, statusIds: readonly string[]): Promise<QuoteRow[]> {
  return db
    .select()
    .from(quotes)
    .where(inArray(quotes.statusId, [...statusIds]));
}

export async function quoteOf(db: DbOrTx, statusId: string): Promise<QuoteRow | undefined> {
  return (await db.select().from(quotes).where(eq(quotes.statusId, statusId)))[0];
}

export async function quoteById(db: DbOrTx, id: string): Promise<QuoteRow | undefined> {
  return (await db.select().from(quotes).where(eq(quotes.id, id)))[0];
}

/** Records the id of the QuoteRequest another server sent for a quote (its answer names it). */
export async function setQuoteActivity(tx: DbOrTx, id: string, activityUri: string): Promise<void> {
  await tx.update(quotes).set({ activityUri }).where(eq(quotes.id, id));
}

export async function quoteByActivity(db: DbOrTx, activityUri: string): Promise<QuoteRow | undefined> {
  return (await db.select().from(quotes).where(eq(quotes.activityUri, activityUri)))[0];
}

export async function quoteByApproval(db: DbOrTx, approvalUri: string): Promise<QuoteRow | undefined> {
  return (await db.select().from(quotes).where(eq(quotes.approvalUri, approvalUri)))[0];
}

/** Moves a quote to a new state; the row as it now is, if it was in one of `from`. */
export async function setQuoteState(tx: DbOrTx, id: string, state: QuoteState, from: readonly QuoteState[], approvalUri?: string | null): Promise<QuoteRow | undefined> {
  const set = approvalUri === undefined ? { state } : { state, approvalUri };
  const [row] = await tx
    .update(quotes)
    .set(set)
    .where(and(eq(quotes.id, id), inArray(quotes.state, [...from])))
    .returning();
  return row;
}

/** Quotes of a status in one state (accepted unless told), newest first: the quoting statuses' ids, with the quote's id as cursor. */
export function acceptedQuotesOf(db: DbOrTx, quotedStatusId: string, window: PageWindow, limit: number, state: QuoteState = 'accepted'): Promise<{ cursor: string; statusId: string }[]> {
  const p = window(quotes.id);
  return db
    .select({ cursor: quotes.id, statusId: quotes.statusId })
    .from(quotes)
    .where(and(eq(quotes.quotedStatusId, quotedStatusId), eq(quotes.state, state), p.where))
    .orderBy(p.order)
    .limit(limit);
}

/** The local authors of accepted quotes of a status (told of its edits). */
export async function localQuotersOf(db: DbOrTx, quotedStatusId: string): Promise<{ accountId: string; statusId: string }[]> {
  const rows = await db.execute<{ account_id: string; status_id: string }>(sql`
    select q.account_id::text, q.status_id::text from quotes q join ${statuses} s on s.id = q.status_id
    where q.quoted_status_id = ${quotedStatusId} and q.state = 'accepted' and s.local`);
  return rows.rows.map((r) => ({ accountId: r.account_id, statusId: r.status_id }));
}

export async function setQuotePolicy(tx: DbOrTx, statusId: string, policy: NonNullable<typeof statuses.$inferInsert.quotePolicy>): Promise<void> {
  await tx.update(statuses).set({ quotePolicy: policy }).where(eq(statuses.id, statusId));
}
