// Blocks and mutes: one account hiding another.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { blocks, mutes } from '../schema/index.ts';

/** Inserts a block unless there is one; the new block's id. */
export async function insertBlock(tx: DbOrTx, id: string, accountId: string, targetId: string): Promise<string | undefined> {
  const [made] = await tx.insert(blocks).values({ id, accountId, targetAccountId: targetId }).onConflictDoNothing().returning({ id: blocks.id });
  return made?.id;
}

/** Deletes a block; the deleted block's id, if there was one. */
export async function deleteBlock(tx: DbOrTx, accountId: string, targetId: string): Promise<string | undefined> {
  const [gone] = await tx
    .delete(blocks)
    .where(and(eq(blocks.accountId, accountId), eq(blocks.targetAccountId, targetId)))
    .returning({ id: blocks.id });
  return gone?.id;
}

/** Mutes, or changes a mute's options and end. */
export async function upsertMute(tx: DbOrTx, row: { id: string; accountId: string; targetId: string; hideNotifications: boolean; expiresAt: Date | null }): Promise<void> {
  const { hideNotifications, expiresAt } = row;
  await tx
    .insert(mutes)
    .values({ id: row.id, accountId: row.accountId, targetAccountId: row.targetId, hideNotifications, expiresAt })
    .onConflictDoUpdate({ target: [mutes.accountId, mutes.targetAccountId], set: { hideNotifications, expiresAt } });
}

export async function deleteMute(tx: DbOrTx, accountId: string, targetId: string): Promise<void> {
  await tx.delete(mutes).where(and(eq(mutes.accountId, accountId), eq(mutes.targetAccountId, targetId)));
}
