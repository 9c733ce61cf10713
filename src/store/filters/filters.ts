// The filters table, and reading an account's filters with their keywords and listed statuses.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { filterKeywords, filters, filterStatuses } from '../schema/index.ts';

export type FilterRow = typeof filters.$inferSelect;
export type FilterKeywordRow = typeof filterKeywords.$inferSelect;
export type FilterStatusRow = typeof filterStatuses.$inferSelect;

/** The account's filters (or the one of id `onlyId`), oldest first, with their keywords and statuses. */
export async function filterRows(db: DbOrTx, accountId: string, onlyId?: string): Promise<{ filters: FilterRow[]; keywords: FilterKeywordRow[]; statuses: FilterStatusRow[] }> {
  const wanted = await db
    .select()
    .from(filters)
    .where(and(eq(filters.accountId, accountId), onlyId ? eq(filters.id, onlyId) : undefined))
    .orderBy(asc(filters.id));
  if (wanted.length === 0) return { filters: [], keywords: [], statuses: [] };
  const idList = wanted.map((r) => r.id);
  const [keywords, statuses] = await Promise.all([
    db.select().from(filterKeywords).where(inArray(filterKeywords.filterId, idList)).orderBy(asc(filterKeywords.id)),
    db.select().from(filterStatuses).where(inArray(filterStatuses.filterId, idList)).orderBy(asc(filterStatuses.id)),
  ]);
  return { filters: wanted, keywords, statuses };
}

/** How many filters the account has, counted up to `upTo`. */
export async function countFilters(tx: DbOrTx, accountId: string, upTo: number): Promise<number> {
  const existing = await tx.select({ id: filters.id }).from(filters).where(eq(filters.accountId, accountId)).limit(upTo);
  return existing.length;
}

export async function insertFilter(tx: DbOrTx, row: typeof filters.$inferInsert): Promise<void> {
  await tx.insert(filters).values(row);
}

export async function updateFilterRow(tx: DbOrTx, id: string, changes: Partial<Pick<FilterRow, 'title' | 'contexts' | 'action' | 'expiresAt'>>): Promise<void> {
  await tx.update(filters).set(changes).where(eq(filters.id, id));
}

export async function deleteFilter(db: DbOrTx, id: string): Promise<void> {
  await db.delete(filters).where(eq(filters.id, id));
}
