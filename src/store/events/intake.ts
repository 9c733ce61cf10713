// Which new posts concern an event: one query for a batch of posts (fan-out's), so that posts that
// concern none cost a few index look-ups.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import type { Visibility } from '../schema/index.ts';

/**
 * How a post concerns an event: it replies to its announcement, to one of its questions or to an
 * answer, or it mentions the host with the event's hashtag.
 */
export type IntakeVia = 'announcement' | 'question' | 'answer' | 'mention';

export interface IntakeCandidate {
  statusId: string;
  accountId: string;
  visibility: Visibility;
  language: string | null;
  eventId: string;
  via: IntakeVia;
  /** the question replied to (via question), or whose answer was replied to (via answer) */
  questionId: string | null;
}

export async function intakeCandidates(tx: DbOrTx, statusIds: readonly string[]): Promise<IntakeCandidate[]> {
  if (statusIds.length === 0) return [];
  const result = await tx.execute<{
    status_id: string;
    account_id: string;
    visibility: Visibility;
    language: string | null;
    event_id: string;
    via: IntakeVia;
    question_id: string | null;
  }>(sql`
    select s.id as status_id, s.account_id, s.visibility, s.language, m.event_id, m.via, m.question_id
    from statuses s
    join lateral (
      select e.id as event_id, 'announcement' as via, null::bigint as question_id from events e where e.status_id = s.in_reply_to_id
      union all
      select q.event_id, 'question', q.id from event_questions q where q.status_id = s.in_reply_to_id
      union all
      select q.event_id, 'answer', q.id from event_answers a join event_questions q on q.id = a.question_id where a.status_id = s.in_reply_to_id
      union all
      select e.id, 'mention', null from status_mentions sm
        join events e on e.account_id = sm.account_id and e.status_id is distinct from s.in_reply_to_id
        join tags t on t.name = e.hashtag
        join status_tags st on st.tag_id = t.id and st.status_id = s.id
      where sm.status_id = s.id
    ) m on true
    where s.id = any(${`{${statusIds.join(',')}}`}::bigint[]) and s.reblog_of_id is null
      -- asked through the API: taken already
      and not exists (select 1 from event_questions taken where taken.status_id = s.id)`);
  return result.rows.map((r) => ({
    statusId: String(r.status_id),
    accountId: String(r.account_id),
    visibility: r.visibility,
    language: r.language,
    eventId: String(r.event_id),
    via: r.via,
    questionId: r.question_id ? String(r.question_id) : null,
  }));
}
