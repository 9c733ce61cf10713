// Threads: the statuses a reply answers, and the replies under a status.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';

/** What `parentId` answers, and so on up (at most 40 more), the oldest first. */
export async function ancestorIds(db: DbOrTx, parentId: string | null): Promise<string[]> {
  const up = await db.execute<{ id: string }>(sql`
    with recursive chain(id, in_reply_to_id, depth) as (
      select id, in_reply_to_id, 0 from statuses where id = ${parentId}::bigint
      union all
      select p.id, p.in_reply_to_id, c.depth + 1 from statuses p join chain c on p.id = c.in_reply_to_id where c.depth < 40
    ) select id from chain order by depth desc`);
  return up.rows.map((r) => r.id);
}

/** Replies under a status, in thread order (depth first), at most 200, 60 deep. */
export async function descendantIds(db: DbOrTx, id: string): Promise<string[]> {
  const down = await db.execute<{ id: string }>(sql`
    with recursive tree(id, path) as (
      select id, array[id] from statuses where in_reply_to_id = ${id} and reblog_of_id is null
      union all
      select r.id, t.path || r.id from statuses r join tree t on r.in_reply_to_id = t.id
      where r.reblog_of_id is null and array_length(t.path, 1) < 60
    ) select id from tree order by path limit 200`);
  return down.rows.map((r) => r.id);
}
