// Follows and their counts: the statements the follow verbs are made of.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { follows } from '../schema/index.ts';

export interface FollowValues {
  showReblogs: boolean;
  notify: boolean;
  languages: string[] | null;
  uri: string | null;
}

/** Moves both accounts' follow counts by one follow of `targetId` by `followerId`. */
export async function bumpFollowCounts(tx: DbOrTx, followerId: string, targetId: string, delta: 1 | -1): Promise<void> {
  await tx.execute(sql`
    insert into account_stats (account_id, following_count) values (${followerId}, greatest(${delta}, 0))
    on conflict (account_id) do update set following_count = greatest(account_stats.following_count + ${delta}, 0)`);
  // Remote followers are counted apart too, so posting can tell in one row read whether any other
  // server must hear of a post (scanning a large account's followers for one would not do).
  await tx.execute(sql`
    with f as (select domain is not null as remote from accounts where id = ${followerId})
    insert into account_stats (account_id, followers_count, remote_followers_count)
    select ${targetId}, greatest(${delta}, 0), case when f.remote then greatest(${delta}, 0) else 0 end from f
    on conflict (account_id) do update set
      followers_count = greatest(account_stats.followers_count + ${delta}, 0),
      remote_followers_count = greatest(account_stats.remote_followers_count + case when (select remote from f) then ${delta} else 0 end, 0)`);
}

/** Inserts a follow unless there is one; whether it was made. */
export async function insertFollow(tx: DbOrTx, row: FollowValues & { id: string; accountId: string; targetAccountId: string; createdAt?: Date }): Promise<boolean> {
  const inserted = await tx.insert(follows).values(row).onConflictDoNothing().returning({ id: follows.id });
  return inserted.length > 0;
}

export async function updateFollow(tx: DbOrTx, followerId: string, targetId: string, changes: Partial<FollowValues>): Promise<void> {
  await tx
    .update(follows)
    .set(changes)
    .where(and(eq(follows.accountId, followerId), eq(follows.targetAccountId, targetId)));
}

/** Deletes a follow; the deleted one's id and activity id, if there was one. */
export async function deleteFollow(tx: DbOrTx, followerId: string, targetId: string): Promise<{ id: string; uri: string | null } | undefined> {
  const [gone] = await tx
    .delete(follows)
    .where(and(eq(follows.accountId, followerId), eq(follows.targetAccountId, targetId)))
    .returning({ id: follows.id, uri: follows.uri });
  return gone;
}

/** Takes an account out of every list its owner made. */
export async function removeFromOwnersLists(tx: DbOrTx, ownerId: string, accountId: string): Promise<void> {
  await tx.execute(sql`delete from list_accounts la using lists l where l.id = la.list_id and l.account_id = ${ownerId} and la.account_id = ${accountId}`);
}
