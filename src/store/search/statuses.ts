// Full-text search over statuses: the GIN index of status_search (schema/search.ts) finds the
// matches; the searcher's scope and the operators narrow them; the newest matches are ranked by
// relevance and age. Visibility is checked afterwards, by the core's views.
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { inLanguages } from '../statuses/versions.ts';

/** One full-text query, as PostgreSQL builds it: from words, from a phrase, or written out (pairs). */
export type TsQueryPart = { kind: 'words'; text: string } | { kind: 'phrase'; text: string } | { kind: 'written'; text: string };

/** What one term asks: every part matched by the index, and every substring found in the text. */
export interface ClauseMatch {
  parts: TsQueryPart[];
  substrings: string[];
}

export interface TextMatch {
  include: ClauseMatch[];
  exclude: ClauseMatch[];
}

export type MediaKind = 'media' | 'image' | 'video' | 'audio';

/** A narrowing the operators (and the API's parameters) ask for; `negated` turns it around. */
export type StatusCondition =
  | { kind: 'author'; accountId: string; negated: boolean }
  | { kind: 'media'; media: MediaKind; negated: boolean }
  | { kind: 'poll' | 'link' | 'reply' | 'sensitive'; negated: boolean }
  | { kind: 'language'; language: string; negated: boolean }
  | { kind: 'created'; from?: Date | undefined; before?: Date | undefined; negated: boolean }
  | { kind: 'ids'; above?: string | undefined; below?: string | undefined }
  /** the searcher's chosen languages: the post, or one of its versions, is in one */
  | { kind: 'languages'; languages: readonly string[] }
  /** asks for what cannot be (an unknown account, an unknown property): nothing matches */
  | { kind: 'nothing' };

export interface StatusSearch {
  viewerId: string;
  /** `library`: the searcher's own posts and those they interacted with; `public`: public posts of indexable authors */
  scope: 'all' | 'library' | 'public';
  text: TextMatch | null;
  conditions: StatusCondition[];
}

/** A status's words (`x`, status_search, beside `s`, its status). */
const VECTOR = sql.raw('x.vector');
/** The index's second column: the id cut to about 70 minutes (see schema/search.ts). */
const BUCKET = sql.raw('(x.status_id >> 38)');
const bucketOf = (id: string): string => (BigInt(id) >> 38n).toString();
const firstIdOf = (bucket: string): string => (BigInt(bucket) << 38n).toString();
/**
 * A status's text, where a query's runs of paired scripts are checked exactly: with its versions'
 * when it has some (status-index.ts indexes their words too); a status without (most) reads no
 * other table.
 */
const DOCUMENT = sql.raw(`(s.spoiler_text || ' ' || s.text || ' ' || s.content_html || case when s.version_languages is null then '' else coalesce((
  select string_agg(' ' || v.spoiler_text || ' ' || v.text || ' ' || v.content_html, '') from status_versions v where v.status_id = s.id), '') end)`);

function tsQuery(part: TsQueryPart): SQL {
  switch (part.kind) {
    case 'words':
      return sql`plainto_tsquery('pg_catalog.simple', ${part.text})`;
    case 'phrase':
      return sql`phraseto_tsquery('pg_catalog.simple', ${part.text})`;
    case 'written':
      return sql`to_tsquery('pg_catalog.simple', ${part.text})`;
  }
}

const allOf = (queries: SQL[]): SQL => sql`(${sql.join(queries, sql` && `)})`;

function clauseSql(clause: ClauseMatch): SQL {
  const substrings = clause.substrings.map((s) => sql`strpos(${DOCUMENT}, ${s}) > 0`);
  return sql.join([sql`${VECTOR} @@ ${allOf(clause.parts.map(tsQuery))}`, ...substrings], sql` and `);
}

/** The query every match answers, for the index and for ranking (null: nothing to rank by). */
function rankingQuery(text: TextMatch | null): SQL | null {
  const parts = text?.include.flatMap((c) => c.parts) ?? [];
  return parts.length > 0 ? allOf(parts.map(tsQuery)) : null;
}

function textSql(text: TextMatch | null): SQL[] {
  if (!text) return [];
  const query = rankingQuery(text);
  const substrings = text.include.flatMap((c) => c.substrings).map((s) => sql`strpos(${DOCUMENT}, ${s}) > 0`);
  const excluded = text.exclude.map((c) => sql`not coalesce(${clauseSql(c)}, false)`);
  return [...(query ? [sql`${VECTOR} @@ ${query}`] : []), ...substrings, ...excluded];
}

const MEDIA_TYPES: Record<MediaKind, string[] | null> = { media: null, image: ['image'], video: ['video', 'gifv'], audio: ['audio'] };

function conditionSql(c: StatusCondition): SQL {
  const negate = (condition: SQL) => ('negated' in c && c.negated ? sql`not (${condition})` : condition);
  switch (c.kind) {
    case 'author':
      return negate(sql`s.account_id = ${c.accountId}`);
    case 'media': {
      const types = MEDIA_TYPES[c.media];
      const typed = types
        ? sql` and m.type in (${sql.join(
            types.map((t) => sql`${t}`),
            sql`, `,
          )})`
        : sql``;
      return negate(sql`exists (select 1 from media_attachments m where m.status_id = s.id${typed})`);
    }
    case 'poll':
      return negate(sql`exists (select 1 from polls p where p.status_id = s.id)`);
    case 'link':
      // A link of its own: an anchor that is neither a mention nor a hashtag (both carry class "mention").
      return negate(sql`s.content_html ~ ${'<a\\s(?![^>]*class="[^"]*mention)[^>]*>'}`);
    case 'reply':
      return negate(sql`s.in_reply_to_id is not null`);
    case 'sensitive':
      return negate(sql`s.sensitive`);
    case 'language':
      // As the chosen languages: its own, or one it has a version in (`coalesce`: a null is no match, negated too).
      return negate(sql`(coalesce(s.language, '') = ${c.language} or coalesce(${c.language} = any(s.version_languages), false))`);
    case 'created': {
      const bounds = [c.from ? sql`s.created_at >= ${c.from.toISOString()}` : sql`true`, c.before ? sql`s.created_at < ${c.before.toISOString()}` : sql`true`];
      return negate(sql.join(bounds, sql` and `));
    }
    case 'ids':
      return sql.join([c.above ? sql`s.id > ${c.above}` : sql`true`, c.below ? sql`s.id < ${c.below}` : sql`true`], sql` and `);
    case 'languages':
      return inLanguages({ language: sql.raw('s.language'), versionLanguages: sql.raw('s.version_languages') }, c.languages);
    case 'nothing':
      return sql`false`;
  }
}

/**
 * Statuses the viewer favourited, bookmarked, reblogged, replied to, voted in or was mentioned in
 * (what they wrote is `s.account_id`): read once per statement, however many windows ask.
 */
function libraryCte(viewerId: string): SQL {
  return sql`with library as materialized (
    select f.status_id as id from favourites f where f.account_id = ${viewerId}
    union all select b.status_id from bookmarks b where b.account_id = ${viewerId}
    union all select m.status_id from status_mentions m where m.account_id = ${viewerId}
    union all select r.reblog_of_id from statuses r where r.account_id = ${viewerId} and r.reblog_of_id is not null
    union all select r.in_reply_to_id from statuses r where r.account_id = ${viewerId} and r.in_reply_to_id is not null
    union all select p.status_id from poll_votes v join polls p on p.id = v.poll_id where v.account_id = ${viewerId})`;
}

/**
 * Public posts of accounts that let their posts be searched. The author is looked up per match
 * (matches are few once the index has spoken); a hashed list of every indexable account grows with
 * the accounts this server knows.
 */
const PUBLIC_SQL = sql`(s.visibility = 'public' and coalesce((select a.indexable from accounts a where a.id = s.account_id), false))`;

function scopeSql(search: StatusSearch): SQL {
  const library = sql`(s.account_id = ${search.viewerId} or s.id in (select id from library))`;
  switch (search.scope) {
    case 'library':
      return library;
    case 'public':
      return PUBLIC_SQL;
    case 'all':
      return sql`(${library} or ${PUBLIC_SQL})`;
  }
}

/** The statement's start: the library, when the scope reads it. */
const withLibrary = (search: StatusSearch): SQL => (search.scope === 'public' ? sql`` : libraryCte(search.viewerId));

function matchesSql(search: StatusSearch): SQL {
  return sql.join([sql`s.reblog_of_id is null`, scopeSql(search), ...textSql(search.text), ...search.conditions.map(conditionSql)], sql` and `);
}

/** Statuses, with their words when the query has some (left joined when it only leaves words out: a post not yet indexed has none to leave out). */
function sourceSql(search: StatusSearch): SQL {
  if (!search.text) return sql`statuses s`;
  return search.text.include.length > 0 ? sql`statuses s join status_search x on x.status_id = s.id` : sql`statuses s left join status_search x on x.status_id = s.id`;
}

/**
 * Up to `limit` matches from position `offset`, newest first: all matches when the query has no
 * words, and past the ranked ones otherwise.
 */
export async function newestMatches(db: DbOrTx, search: StatusSearch, window: { offset: number; limit: number }): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`${withLibrary(search)}
    select s.id from ${sourceSql(search)} where ${matchesSql(search)} order by s.id desc limit ${window.limit} offset ${window.offset}`);
  return rows.map((r) => String(r.id));
}

/**
 * The newest `newest` matches ordered by relevance (ts_rank, normalised by the length of the text),
 * a week's age counting as much as the relevance itself; then `limit` of them from `offset`.
 * The newest matches are looked for in windows of ids, newest first (`bounds`, descending), each
 * read only if the ones before it held too few: a word found in thousands of posts is then read
 * from the recent ones only, where a single scan would visit every one (the index gives matches in
 * no order).
 */
export async function rankedMatches(db: DbOrTx, search: StatusSearch, newest: number, bounds: readonly string[], window: { offset: number; limit: number }): Promise<string[]> {
  const query = rankingQuery(search.text);
  if (!query) return newestMatches(db, search, window);
  const matches = matchesSql(search);
  const buckets = bounds.map(bucketOf);
  const windows = [...buckets, null].map((lower, i) => {
    const upper = i > 0 ? buckets[i - 1] : undefined;
    // The window's end is checked on each match, not looked up: a bound on the bucket would have
    // the index read every earlier bucket, and a plain bound on the id would let the planner have
    // the primary key list every older post (`+ 0` keeps any index from taking it).
    const range = [lower === null ? null : sql`${BUCKET} >= ${lower}::bigint`, upper === undefined ? null : sql`x.status_id + 0 < ${firstIdOf(upper)}`].filter((c) => c !== null);
    return sql`(select s.id, s.created_at, x.vector from ${sourceSql(search)}
      where ${sql.join([matches, ...range], sql` and `)} order by s.id desc limit ${newest})`;
  });
  const { rows } = await db.execute<{ id: string }>(sql`${withLibrary(search)}
    select x.id from (select * from (${sql.join(windows, sql` union all `)}) w limit ${newest}) x
    order by ts_rank(x.vector, ${query}, 1) / (1 + extract(epoch from now() - x.created_at) / 604800) desc, x.id desc
    limit ${window.limit} offset ${window.offset}`);
  return rows.map((r) => String(r.id));
}
