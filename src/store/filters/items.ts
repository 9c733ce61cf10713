// What a filter matches: its keywords and its listed statuses.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { filterKeywords, filters, filterStatuses, statuses } from '../schema/index.ts';
import type { FilterStatusRow } from './filters.ts';

export type FilterItemKind = 'keyword' | 'status';

export async function insertKeywords(tx: DbOrTx, rows: { id: string; filterId: string; keyword: string; wholeWord: boolean }[]): Promise<void> {
  await tx.insert(filterKeywords).values(rows);
}

export async function updateKeyword(tx: DbOrTx, id: string, changes: { keyword?: string; wholeWord?: boolean }): Promise<void> {
  await tx.update(filterKeywords).set(changes).where(eq(filterKeywords.id, id));
}

export async function deleteKeyword(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(filterKeywords).where(eq(filterKeywords.id, id));
}

/** The filter of the account that holds this keyword or listed status, if one does. */
export async function filterOfItem(db: DbOrTx, accountId: string, kind: FilterItemKind, itemId: string): Promise<string | undefined> {
  const table = kind === 'keyword' ? filterKeywords : filterStatuses;
  const [row] = await db
    .select({ filterId: table.filterId })
    .from(table)
    .innerJoin(filters, eq(filters.id, table.filterId))
    .where(and(eq(table.id, itemId), eq(filters.accountId, accountId)));
  return row?.filterId;
}

export async function deleteItem(db: DbOrTx, kind: FilterItemKind, itemId: string): Promise<void> {
  await db.delete(kind === 'keyword' ? filterKeywords : filterStatuses).where(eq(kind === 'keyword' ? filterKeywords.id : filterStatuses.id, itemId));
}

export async function statusExists(db: DbOrTx, statusId: string): Promise<boolean> {
  return Boolean(await db.query.statuses.findFirst({ where: eq(statuses.id, statusId), columns: { id: true } }));
}

/** Lists a status in a filter; undefined when it was listed already. */
export async function insertFilterStatus(db: DbOrTx, row: { id: string; filterId: string; statusId: string }): Promise<FilterStatusRow | undefined> {
  const [made] = await db.insert(filterStatuses).values(row).onConflictDoNothing().returning();
  return made;
}
