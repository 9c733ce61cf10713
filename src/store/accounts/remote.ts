// Copies of accounts that live on other servers, keyed by their actor id (uri).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { accounts, type AccountRow } from '../schema/index.ts';
import { accountByHandle } from './accounts.ts';

export type RemoteAccountValues = Omit<typeof accounts.$inferInsert, 'id' | 'uri' | 'createdAt'> & { username: string; domain: string };

export const accountByUri = (db: Db, uri: string): Promise<AccountRow | undefined> => db.query.accounts.findFirst({ where: eq(accounts.uri, uri) });

/** Suspends the remote accounts of these actor ids that are not yet; their ids. */
export async function suspendRemoteByUri(db: Db, uris: string[]): Promise<string[]> {
  const list = `{${uris.map((u) => `"${u.replace(/["\\]/g, '')}"`).join(',')}}`;
  const gone = await db.execute<{ id: string }>(sql`update accounts set suspended_at = now() where domain is not null and suspended_at is null and uri = any(${list}::text[]) returning id::text`);
  return gone.rows.map((r) => r.id);
}

/** Creates or refreshes a remote account; an actor re-created under the same handle takes the old row over. */
export function upsertRemoteAccount(db: Db, row: { id: string; uri: string; createdAt: Date; values: RemoteAccountValues }): Promise<AccountRow> {
  const { values } = row;
  return db.transaction(async (tx) => {
    const same = await accountByHandle(tx, values.username, values.domain);
    if (same) {
      const [updated] = await tx
        .update(accounts)
        .set({ ...values, uri: row.uri })
        .where(eq(accounts.id, same.id))
        .returning();
      return updated!;
    }
    const [inserted] = await tx
      .insert(accounts)
      .values({ id: row.id, uri: row.uri, ...values, createdAt: row.createdAt })
      .onConflictDoUpdate({ target: accounts.uri, targetWhere: sql`${accounts.uri} is not null`, set: values })
      .returning();
    return inserted!;
  });
}
