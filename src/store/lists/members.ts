// A list's members (list_accounts), and the follows they must come from.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import type { PageOver } from '../relations/related-accounts.ts';
import { follows, listAccounts } from '../schema/index.ts';

export async function memberIdsOf(db: DbOrTx, listId: string): Promise<string[]> {
  return (await db.select({ id: listAccounts.accountId }).from(listAccounts).where(eq(listAccounts.listId, listId))).map((r) => r.id);
}

/** A page of members, each with its cursor (the id of its row); a limit of 0 reads them all. */
export async function memberRows(db: DbOrTx, listId: string, page: { over: PageOver; limit: number }): Promise<{ cursor: string; accountId: string }[]> {
  const p = page.over(listAccounts.id);
  const query = db
    .select({ cursor: listAccounts.id, accountId: listAccounts.accountId })
    .from(listAccounts)
    .where(and(eq(listAccounts.listId, listId), p.where))
    .orderBy(p.order);
  return page.limit > 0 ? await query.limit(page.limit) : await query;
}

/** Which of these accounts the owner follows. */
export async function followedAmong(db: DbOrTx, ownerId: string, accountIds: string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .select({ id: follows.targetAccountId })
    .from(follows)
    .where(and(eq(follows.accountId, ownerId), inArray(follows.targetAccountId, accountIds)));
  return new Set(rows.map((r) => r.id));
}

/** Adds members, each with a new cursor; those already in the list stay as they were. */
export async function insertMembers(db: DbOrTx, rows: { id: string; listId: string; accountId: string }[]): Promise<void> {
  await db.insert(listAccounts).values(rows).onConflictDoNothing();
}

export async function deleteMembers(db: DbOrTx, listId: string, accountIds: string[]): Promise<void> {
  await db.delete(listAccounts).where(and(eq(listAccounts.listId, listId), inArray(listAccounts.accountId, accountIds)));
}
