// A direct message joins the private conversations of its local participants: its author, and
// each addressed account that does not block or mute the author (as its notification would).
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { recordDirect } from '../../store/conversations/rows.ts';
import type { StatusFacts } from '../live.ts';
import { notHidden } from '../timelines/home-rule.ts';

/** Recipients who block or mute one of the authors are left out. */
export async function notFiltering(db: Db, recipients: string[], authors: string[]): Promise<string[]> {
  if (recipients.length === 0) return [];
  const result = await db.execute<{ id: string }>(sql`
    select r.id::text as id from unnest(${`{${recipients.join(',')}}`}::bigint[]) as r(id) where ${notHidden(sql`r.id`, sql`= any(${`{${authors.join(',')}}`}::bigint[])`)}`);
  const kept = new Set(result.rows.map((r) => r.id));
  return recipients.filter((id) => kept.has(id));
}

/** Records a delivered direct message; returns the participants (local or not) the message reaches live. */
export async function recordDelivered(db: Db, f: StatusFacts): Promise<string[]> {
  if (f.visibility !== 'direct' || f.reblogOfId) return [];
  const members = [...new Set([f.accountId, ...f.mentioned])];
  const participants = await notFiltering(db, members, [f.accountId]);
  await recordDirect(db, { statusId: f.id, authorId: f.accountId, members, recipients: participants });
  return participants;
}
