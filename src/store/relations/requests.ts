// Follow requests awaiting the followed account's (or its server's) answer.
import { and, eq, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db.ts';
import { followRequests } from '../schema/index.ts';
import type { FollowValues } from './follows.ts';

export type FollowRequestRow = typeof followRequests.$inferSelect;

const between = (requesterId: string, targetId: string) => and(eq(followRequests.accountId, requesterId), eq(followRequests.targetAccountId, targetId));

/** Inserts a request, or keeps the one there (taking a newly given activity id); `fresh` when new. */
export async function upsertRequest(tx: DbOrTx, row: FollowValues & { id: string; accountId: string; targetAccountId: string }): Promise<{ id: string; fresh: boolean }> {
  const [made] = await tx
    .insert(followRequests)
    .values(row)
    .onConflictDoUpdate({ target: [followRequests.accountId, followRequests.targetAccountId], set: { uri: sql`coalesce(excluded.uri, ${followRequests.uri})` } })
    .returning({ id: followRequests.id, fresh: sql<boolean>`(xmax = 0)` });
  return made!;
}

/** Deletes a request and returns it whole, if there was one. */
export async function takeRequest(tx: DbOrTx, requesterId: string, targetId: string): Promise<FollowRequestRow | undefined> {
  const [request] = await tx.delete(followRequests).where(between(requesterId, targetId)).returning();
  return request;
}

export async function hasRequest(tx: DbOrTx, requesterId: string, targetId: string): Promise<boolean> {
  const found = await tx.query.followRequests.findFirst({ where: between(requesterId, targetId), columns: { id: true } });
  return found !== undefined;
}

/** Deletes the requests either account made to the other. */
export async function deleteRequestsBetween(tx: DbOrTx, a: string, b: string): Promise<void> {
  await tx.delete(followRequests).where(or(between(a, b), between(b, a)));
}

export async function countRequestsTo(db: Db, accountId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(followRequests).where(eq(followRequests.targetAccountId, accountId));
  return row?.n ?? 0;
}
