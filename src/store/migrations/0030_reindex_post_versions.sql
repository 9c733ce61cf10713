-- Posts that had versions before their words were indexed (status-index.ts): every version's words
-- now, by the same expression indexStatuses uses.
INSERT INTO status_search (status_id, vector)
SELECT s.id, (
  SELECT parley_search_vector(
    concat_ws(' ', s.spoiler_text, string_agg(v.spoiler_text, ' ' ORDER BY v.language)),
    concat_ws(' ', nullif(s.text, ''), string_agg(nullif(v.text, ''), ' ' ORDER BY v.language)),
    concat_ws(' ', s.content_html, string_agg(v.content_html, ' ' ORDER BY v.language)))
  FROM status_versions v WHERE v.status_id = s.id)
FROM statuses s
WHERE s.version_languages IS NOT NULL AND s.reblog_of_id IS NULL
ON CONFLICT (status_id) DO UPDATE SET vector = excluded.vector;
