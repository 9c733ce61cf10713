// Familiar followers: the accounts a viewer follows that follow some other account.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

/** At most this many familiar followers per account (clients show a few names and a count). */
export const FAMILIAR_MAX = 80;

/**
 * For each of `targetIds`, the viewer's followings that follow it and show whom they follow,
 * newest follow by the viewer first; targets that hide their followers get none. Cost: one probe
 * of follows' pair key per (viewer's following, target) pair or one scan of each target's
 * followers (follows_target_idx), whichever the planner finds smaller; at most FAMILIAR_MAX rows per target.
 */
export async function familiarFollowerRows(db: Db, viewerId: string, targetIds: readonly string[]): Promise<{ target_id: string; id: string }[]> {
  const result = await db.execute<{ target_id: string; id: string }>(sql`
    select target_id, id from (
      select theirs.target_account_id as target_id, a.id, row_number() over (partition by theirs.target_account_id order by mine.id desc) as n
      from follows mine
      join follows theirs on theirs.account_id = mine.target_account_id
      join accounts a on a.id = mine.target_account_id
      join accounts t on t.id = theirs.target_account_id
      where mine.account_id = ${viewerId} and theirs.target_account_id = any(${`{${targetIds.join(',')}}`}::bigint[])
        and a.suspended_at is null and not a.hide_collections and not t.hide_collections
    ) ranked
    where n <= ${FAMILIAR_MAX}
    order by target_id, n`);
  return result.rows.map((r) => ({ target_id: String(r.target_id), id: String(r.id) }));
}
