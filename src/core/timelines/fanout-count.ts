// Fan-out counts new statuses on their authors' profiles and replies on their parents, once per
// batch (see fanout).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../infra/jobs.ts';
import type { CountedAuthor } from '../accounts/views.ts';

/**
 * New statuses counted on their authors' profiles: here, once per batch and author, not in each
 * post's transaction, where every post of one account waited for the last one's commit to
 * update the same row. Exactly once: `tx` is the batch's claim (see infra/batches); a status
 * deleted before its batch is taken out of the queue uncounted (see statuses/service uncount).
 * Returns the authors whose counts moved, with their new counts.
 */
export async function countStatuses(tx: Executor, statusIds: readonly string[]): Promise<CountedAuthor[]> {
  // Rows are locked in account order: two batches counting the same authors then wait for one
  // another instead of deadlocking (with the aggregate's own order, they deadlocked under load,
  // and each deadlock cost a second and a retry of the batch one id at a time).
  const { rows } = await tx.execute<{ account_id: string; statuses_count: number; followers_count: number; following_count: number; last_status_at: Date | string | null; revision: string }>(sql`
    insert into account_stats (account_id, statuses_count, last_status_at)
    select account_id, count(*), max(created_at) from statuses where id = any(${`{${statusIds.join(',')}}`}::bigint[]) group by account_id
    order by account_id
    on conflict (account_id) do update set
      statuses_count = account_stats.statuses_count + excluded.statuses_count,
      last_status_at = greatest(account_stats.last_status_at, excluded.last_status_at)
    returning account_id::text, statuses_count, followers_count, following_count, last_status_at, revision`);
  return rows.map((r) => ({
    accountId: r.account_id,
    counts: {
      statusesCount: r.statuses_count,
      followersCount: r.followers_count,
      followingCount: r.following_count,
      lastStatusAt: r.last_status_at === null ? null : new Date(r.last_status_at),
      revision: Number(r.revision),
    },
  }));
}

/**
 * New replies counted on the posts they answer, once per batch and parent, for the same reason: a
 * post drawing many replies at once (a live event's announcement takes every question) made each
 * reply's transaction wait for the previous one's commit on that row. Parents are locked in id
 * order. Returns the parents whose counts moved, with their new counts.
 */
export async function countReplies(tx: Executor, statusIds: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await tx.execute<{ id: string; replies_count: number }>(sql`
    with c as (
      select in_reply_to_id as id, count(*)::int as n from statuses
      where id = any(${`{${statusIds.join(',')}}`}::bigint[]) and in_reply_to_id is not null group by in_reply_to_id
    )
    -- The parents are reached through their key with an array, which the index walks in order:
    -- they are locked in id order (a join with c would take c's order, which none sets).
    update statuses p set replies_count = p.replies_count + (select c.n from c where c.id = p.id)
    where p.id = any(array(select id from c))
    returning p.id::text as id, p.replies_count`);
  return new Map(rows.map((r) => [r.id, r.replies_count]));
}
