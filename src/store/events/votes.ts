// Votes written together: many accounts' votes in one statement (see core/events/vote-writer).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';

/**
 * Adds these votes (no pair twice) and counts them on their questions, in one statement: per vote,
 * its question's count after the statement, or null when the account had voted already.
 */
export async function addVotes(db: DbOrTx, votes: readonly { questionId: string; accountId: string }[]): Promise<(number | null)[]> {
  const result = await db.execute<{ n: string; votes_count: number }>(sql`
    with given as (select * from unnest(${`{${votes.map((v) => v.questionId).join(',')}}`}::bigint[], ${`{${votes.map((v) => v.accountId).join(',')}}`}::bigint[]) with ordinality as g(question_id, account_id, n)),
    vote as (insert into event_votes (question_id, account_id) select question_id, account_id from given on conflict do nothing returning question_id, account_id),
    counted as (
      update event_questions q set votes_count = q.votes_count + c.n
      from (select question_id, count(*)::int as n from vote group by question_id) c where q.id = c.question_id
      returning q.id, q.votes_count)
    select g.n::text as n, c.votes_count from given g
    join vote v on v.question_id = g.question_id and v.account_id = g.account_id
    join counted c on c.id = g.question_id`);
  const counts = new Map(result.rows.map((r) => [Number(r.n), r.votes_count]));
  return votes.map((_, i) => counts.get(i + 1) ?? null);
}
