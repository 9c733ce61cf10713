// Writing what full-text search reads of statuses (schema/search.ts): their words, computed by the
// search migration's `parley_search_vector` from the content warning and the text (or, for posts
// from other servers, their HTML). Reblogs carry no words of their own. A post's versions in other
// languages (status_versions) add theirs, so a word of any version finds it.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

/**
 * (Re)writes the words of these statuses; ids of reblogs and of statuses gone are skipped.
 *
 * A post without versions (most: `version_languages` is null on its row) is read as before, with no
 * look at status_versions. One with versions gets one document: every content warning, then every
 * text, primary first. A post's text and its versions' are all typed (local) or all HTML (remote,
 * text ''), so the function's choice between text and HTML holds for all of them at once.
 */
export async function indexStatuses(db: Pick<Db, 'execute'>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    insert into status_search (status_id, vector)
    select s.id, case when s.version_languages is null
      then parley_search_vector(s.spoiler_text, s.text, s.content_html)
      else (
        select parley_search_vector(
          concat_ws(' ', s.spoiler_text, string_agg(v.spoiler_text, ' ' order by v.language)),
          concat_ws(' ', nullif(s.text, ''), string_agg(nullif(v.text, ''), ' ' order by v.language)),
          concat_ws(' ', s.content_html, string_agg(v.content_html, ' ' order by v.language)))
        from status_versions v where v.status_id = s.id)
      end
    from statuses s
    where s.id = any(${`{${ids.join(',')}}`}::bigint[]) and s.reblog_of_id is null
    on conflict (status_id) do update set vector = excluded.vector`);
}
