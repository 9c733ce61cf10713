// Reading and writing account rows, local and remote alike.
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db.ts';
import { accounts, type AccountRow } from '../schema/index.ts';

export function accountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.id, id) });
}

export function accountsByIds(db: Db, ids: string[]): Promise<AccountRow[]> {
  return db.select().from(accounts).where(inArray(accounts.id, ids));
}

/** `domain` null: the local account of that name. Names are matched without case. */
export function accountByHandle(db: DbOrTx, username: string, domain: string | null): Promise<AccountRow | undefined> {
  const name = sql`lower(${accounts.username}) = ${username.toLowerCase()}`;
  return db.query.accounts.findFirst({
    where: and(name, domain === null ? isNull(accounts.domain) : sql`lower(${accounts.domain}) = ${domain.toLowerCase()}`),
  });
}

export async function updateAccount(db: DbOrTx, id: string, changes: Partial<AccountRow>): Promise<AccountRow | undefined> {
  const [row] = await db.update(accounts).set(changes).where(eq(accounts.id, id)).returning();
  return row;
}

/**
 * Unsuspended accounts named by handle: `local` lower-case usernames of this server, `remote`
 * lower-case `username@domain` of accounts this server already knows (mentions are resolved so).
 */
export function activeAccountsByHandles(db: Db, local: readonly string[], remote: readonly string[]): Promise<AccountRow[]> {
  return activeAccountsWhere(
    db,
    or(
      local.length > 0 ? and(inArray(sql`lower(${accounts.username})`, [...local]), isNull(accounts.domain)) : undefined,
      remote.length > 0 ? inArray(sql`lower(${accounts.username}) || '@' || lower(${accounts.domain})`, [...remote]) : undefined,
    ),
  );
}

/** Unsuspended accounts meeting every condition (a query to order and page further). */
export function activeAccountsWhere(db: Db, ...conditions: (SQL | undefined)[]) {
  return db
    .select()
    .from(accounts)
    .where(and(isNull(accounts.suspendedAt), ...conditions));
}
