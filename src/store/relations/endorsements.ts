// Endorsements (featured accounts) and private notes: one account's marks on another, seen in its
// relationship with that account.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { accountNotes, accountPins } from '../schema/index.ts';

/** Endorses target, unless it already is; the insert happens only while account follows target. */
export async function insertPinIfFollowing(tx: DbOrTx, id: string, accountId: string, targetId: string): Promise<'made' | 'kept' | 'not-following'> {
  // The follow is held while the endorsement is written: an unfollow at the same moment waits,
  // then removes the endorsement with the follow (see core/relations/end-follow).
  const result = await tx.execute<{ made: boolean; following: boolean }>(sql`
    with f as (select 1 from follows where account_id = ${accountId} and target_account_id = ${targetId} for share),
    made as (
      insert into account_pins (id, account_id, target_account_id) select ${id}, ${accountId}, ${targetId} where exists (select 1 from f)
      on conflict (account_id, target_account_id) do nothing returning 1
    )
    select exists (select 1 from made) as made, exists (select 1 from f) as following`);
  const row = result.rows[0]!;
  return row.made ? 'made' : row.following ? 'kept' : 'not-following';
}

export async function deletePin(tx: DbOrTx, accountId: string, targetId: string): Promise<void> {
  await tx.delete(accountPins).where(and(eq(accountPins.accountId, accountId), eq(accountPins.targetAccountId, targetId)));
}

/** Sets account's note on target; an empty comment removes it. */
export async function setNote(tx: DbOrTx, accountId: string, targetId: string, comment: string): Promise<void> {
  if (comment === '') {
    await tx.delete(accountNotes).where(and(eq(accountNotes.accountId, accountId), eq(accountNotes.targetAccountId, targetId)));
    return;
  }
  await tx
    .insert(accountNotes)
    .values({ accountId, targetAccountId: targetId, comment })
    .onConflictDoUpdate({ target: [accountNotes.accountId, accountNotes.targetAccountId], set: { comment, updatedAt: sql`now()` } });
}
