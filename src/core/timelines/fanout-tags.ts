// Who receives statuses at home by the hashtags they follow (see home-rule, "Followed hashtags"):
// the local followers of a public post's hashtags, in one query for a fan-out batch, beside its
// authors' followers (fanout-recipients). Pulled authors' posts too: their tags' followers do not
// pull them.
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import type { StatusFacts } from '../live.ts';
import { activeFollower } from './audiences.ts';
import { notHidden, reachesTagFollower } from './home-rule.ts';

/** Statuses that may reach their hashtags' followers (the rule is checked again in SQL). */
const tagged = (f: StatusFacts): boolean => f.visibility === 'public' && f.reblogOfId === null && f.tags.length > 0;

/** Each status's followers by hashtag (local, active, not hidden from its author), by status id. */
export async function tagFollowersOf(db: Db, inactiveDays: number, list: readonly StatusFacts[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const ids = list.filter(tagged).map((f) => f.id);
  if (ids.length === 0) return found;
  const { rows } = await db.execute<{ status_id: string; account_id: string }>(sql`
    select distinct st.status_id::text, tf.account_id::text
    from statuses s
      join status_tags st on st.status_id = s.id
      join tag_follows tf on tf.tag_id = st.tag_id
      join accounts fa on fa.id = tf.account_id and fa.domain is null and fa.suspended_at is null
      left join users fu on fu.account_id = tf.account_id
    where s.id = any(${`{${ids.join(',')}}`}::bigint[])
      and ${reachesTagFollower(sql`tf.account_id`, { author: sql`s.account_id`, visibility: sql`s.visibility`, reblogOf: sql`s.reblog_of_id` })}
      and ${activeFollower(inactiveDays)}
      and ${notHidden(sql`tf.account_id`, sql`= s.account_id`)}`);
  for (const r of rows) found.set(r.status_id, [...(found.get(r.status_id) ?? []), r.account_id]);
  return found;
}
