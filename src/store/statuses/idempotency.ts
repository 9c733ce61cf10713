// Idempotency-Key of POST /api/v1/statuses: the status a key made, while it is recent.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { idempotencyKeys } from '../schema/index.ts';

/** The status made with this key within the last `hours`. */
export async function statusByKey(db: DbOrTx, accountId: string, key: string, hours: number): Promise<string | undefined> {
  const seen = await db.query.idempotencyKeys.findFirst({
    where: and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key), sql`${idempotencyKeys.createdAt} > now() - make_interval(hours => ${hours})`),
  });
  return seen?.statusId;
}

/** Records the status a key made (an expired use of the key is replaced). */
export async function recordKey(tx: DbOrTx, accountId: string, key: string, statusId: string, createdAt: Date): Promise<void> {
  await tx
    .insert(idempotencyKeys)
    .values({ accountId, key, statusId })
    .onConflictDoUpdate({ target: [idempotencyKeys.accountId, idempotencyKeys.key], set: { statusId, createdAt } });
}
