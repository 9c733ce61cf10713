// Users (the local people behind accounts) with their accounts.
import { and, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db.ts';
import { accounts, users, type AccountRow, type UserRow } from '../schema/index.ts';

export interface UserWithAccountRow {
  user: UserRow;
  account: AccountRow;
}

async function userWithAccount(db: Db, where: SQL | undefined): Promise<UserWithAccountRow | undefined> {
  const rows = await db.select({ user: users, account: accounts }).from(users).innerJoin(accounts, eq(users.accountId, accounts.id)).where(where).limit(1);
  return rows[0];
}

export const userByAccountId = (db: Db, accountId: string) => userWithAccount(db, eq(users.accountId, accountId));
export const userById = (db: Db, userId: string) => userWithAccount(db, eq(users.id, userId));

/** By a login already in its normal spelling (trimmed, lower case): an e-mail address, or a local username. */
export function userByLogin(db: Db, login: string): Promise<UserWithAccountRow | undefined> {
  return userWithAccount(db, login.includes('@') ? sql`lower(${users.email}) = ${login}` : and(sql`lower(${accounts.username}) = ${login}`, isNull(accounts.domain)));
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const taken = await db.query.users.findFirst({ where: sql`lower(${users.email}) = ${email.toLowerCase()}`, columns: { id: true } });
  return taken !== undefined;
}

/** A new local account and its user, in one transaction. */
export function insertUserWithAccount(db: Db, account: { id: string; username: string }, user: Omit<typeof users.$inferInsert, 'accountId'>): Promise<UserWithAccountRow> {
  return db.transaction(async (tx) => {
    const [a] = await tx.insert(accounts).values(account).returning();
    const [u] = await tx
      .insert(users)
      .values({ ...user, accountId: a!.id })
      .returning();
    return { user: u!, account: a! };
  });
}

export async function updateUser(db: DbOrTx, id: string, changes: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}

/** Marks the e-mail confirmed (keeping the first confirmation's date) and the sign-up approved. */
export async function confirmUser(db: Db, id: string): Promise<void> {
  await db
    .update(users)
    .set({ confirmedAt: sql`coalesce(${users.confirmedAt}, now())`, approved: true, updatedAt: new Date() })
    .where(eq(users.id, id));
}

/** Records a user's use of the API now, unless recorded since `since`; when it was last recorded before, if this call recorded it. */
export async function markActive(db: Db, userId: string, since: Date): Promise<Date | undefined> {
  const [before] = await db
    .update(users)
    .set({ lastActiveAt: new Date() })
    .where(and(eq(users.id, userId), lt(users.lastActiveAt, since)))
    .returning({ lastActiveAt: sql<Date>`(select u.last_active_at from users u where u.id = ${userId})` });
  return before ? new Date(before.lastActiveAt) : undefined;
}
