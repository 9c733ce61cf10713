// The lists table: an account's lists, read, made, changed and deleted.
import { and, desc, eq, sql } from 'drizzle-orm';
import { namedStatement, type DbOrTx } from '../db.ts';
import { listAccounts, lists, type ListRow, type RepliesPolicy } from '../schema/index.ts';

/** The owner's list of this id. */
export function listOf(db: DbOrTx, ownerId: string, id: string): Promise<ListRow | undefined> {
  return db.query.lists.findFirst({ where: and(eq(lists.id, id), eq(lists.accountId, ownerId)) });
}

/** The owner's lists, oldest first. */
export function listsOf(db: DbOrTx, ownerId: string): Promise<ListRow[]> {
  return db.select().from(lists).where(eq(lists.accountId, ownerId)).orderBy(lists.id);
}

export async function countLists(db: DbOrTx, ownerId: string): Promise<number> {
  const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from lists where account_id = ${ownerId}`)).rows as [{ n: number }];
  return n;
}

export async function insertList(db: DbOrTx, row: { id: string; accountId: string; title: string; repliesPolicy: RepliesPolicy; exclusive: boolean }): Promise<ListRow> {
  const [made] = await db.insert(lists).values(row).returning();
  return made!;
}

export async function updateList(db: DbOrTx, id: string, changes: Partial<ListRow>): Promise<ListRow> {
  const [updated] = await db.update(lists).set(changes).where(eq(lists.id, id)).returning();
  return updated!;
}

export async function deleteList(db: DbOrTx, id: string): Promise<void> {
  await db.delete(lists).where(eq(lists.id, id));
}

/** The owner's lists that hold this account, newest first. */
export function listsContaining(db: DbOrTx, ownerId: string, accountId: string): Promise<ListRow[]> {
  return db
    .select({ list: lists })
    .from(lists)
    .innerJoin(listAccounts, eq(listAccounts.listId, lists.id))
    .where(and(eq(lists.accountId, ownerId), eq(listAccounts.accountId, accountId)))
    .orderBy(desc(lists.id))
    .then((rows) => rows.map((r) => r.list));
}

/**
 * A list with its members, in one statement compiled once: what a list stream reads when it
 * opens and whenever the owner's relations change (its timeline reads them inside its page's
 * statement, see timelines/service).
 */
export const listWithMembers = namedStatement<{ id: string; account_id: string; title: string; replies_policy: RepliesPolicy; exclusive: boolean; created_at: Date; members: string[] }>(
  'list_with_members',
  sql`select l.id::text as id, l.account_id::text as account_id, l.title, l.replies_policy, l.exclusive, l.created_at,
        array(select la.account_id::text from list_accounts la where la.list_id = l.id) as members
      from lists l where l.id = ${sql.placeholder('id')}::bigint and l.account_id = ${sql.placeholder('owner')}::bigint`,
);
