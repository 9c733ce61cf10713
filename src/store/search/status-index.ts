// Writing what full-text search reads of statuses (schema/search.ts): their words, computed by the
// search migration's `parley_search_vector` from the content warning and the text (or, for posts
// from other servers, their HTML). Reblogs carry no words of their own.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

/** (Re)writes the words of these statuses; ids of reblogs and of statuses gone are skipped. */
export async function indexStatuses(db: Pick<Db, 'execute'>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    insert into status_search (status_id, vector)
    select s.id, parley_search_vector(s.spoiler_text, s.text, s.content_html) from statuses s
    where s.id = any(${`{${ids.join(',')}}`}::bigint[]) and s.reblog_of_id is null
    on conflict (status_id) do update set vector = excluded.vector`);
}
