// The posts of followed accounts that a viewer's home or list shows, read by the home rule's SQL
// (home-rule): the home page rebuilt when its feed is gone, the pulled authors' deeper pages, and
// the list pages.
//
// Per followed account, its newest matching posts by the (account_id, id) index, then merged: one
// scan of a few rows per account instead of reading and sorting everything they wrote. No join
// inside (a join made PostgreSQL read and sort all of a celebrity's 43,000 posts). Named and
// compiled once, with bounds and choices as parameters: built and planned per request, it cost the
// list timeline ~0.6 ms of PostgreSQL a page before a row was read. `authors` null: every followed
// account outside the viewer's exclusive lists. Lists also keep to the reader's chosen languages
// (a post is in every language it has a version in); home does not, as in Mastodon: its statement
// is left as it was.
import { sql, type SQL } from 'drizzle-orm';
import { namedStatement, type Db } from '../../store/db.ts';
import type { RepliesPolicy } from '../../store/schema/index.ts';
import { inLanguagesSql } from '../../store/statuses/versions.ts';
import { textArray } from '../../store/sql-arrays.ts';
import { compareIds } from '../ids.ts';
import type { Page } from '../pagination.ts';
import { followShows, homeVisibility, inExclusiveList, storedStatus, type FollowSql } from './home-rule.ts';

const viewer = sql`${sql.placeholder('viewer')}::bigint`;
const follow: FollowSql = { viewer, showReblogs: sql`f.show_reblogs`, languages: sql`f.languages` };
/** A list's posts are in the reader's chosen languages (a text[], null: every one); a reblog's are its original's. */
const chosenLanguages = (languages: SQL): SQL => sql`
        and (${languages} is null or ${inLanguagesSql({ language: storedStatus.language, versionLanguages: sql`coalesce((select o.version_languages from statuses o where o.id = s.reblog_of_id), s.version_languages)` }, languages)})`;

const followedPage = (direction: 'asc' | 'desc', authors: SQL, replies: SQL, languages: SQL = sql``): SQL => sql`
    select x.id from follows f
    cross join lateral (
      select s.id from statuses s
      where s.account_id = f.target_account_id
        and ${homeVisibility(sql`s.visibility`)}
        and ${followShows(follow, storedStatus, { policy: replies, members: authors })}
        and s.id < coalesce(${sql.placeholder('below')}::bigint, 9223372036854775807)
        and s.id > coalesce(${sql.placeholder('above')}::bigint, 0)${languages}
      order by s.id ${sql.raw(direction)} limit ${sql.placeholder('limit')}::int
    ) x
    where f.account_id = ${viewer}
      and case when ${authors} is null then not ${inExclusiveList(sql`f.account_id`, sql`f.target_account_id`)}
               else f.target_account_id = any(${authors}) end
    order by x.id ${sql.raw(direction)} limit ${sql.placeholder('limit')}::int`;

const followedIdsQuery = (direction: 'asc' | 'desc') =>
  namedStatement<{ id: string }>(
    `followed_ids_${direction}`,
    sql`select p.id::text as id from (${followedPage(direction, sql`${sql.placeholder('authors')}::bigint[]`, sql`${sql.placeholder('replies')}::text`)}) p`,
  );
// A list's page with the list itself, in one round trip: its members and replies policy are read
// inside; no row when the list is not the viewer's.
// Readers who chose no languages (most) have a statement without the condition: in a generic plan
// a null choice is still checked row by row, and it doubled the list page's PostgreSQL time.
const listPageQuery = (direction: 'asc' | 'desc', chosen: boolean) =>
  namedStatement<{ ids: string[] }>(
    `list_page_${direction}${chosen ? '_chosen' : ''}`,
    sql`select array(select p.id::text from (${followedPage(direction, sql`array(select la.account_id from list_accounts la where la.list_id = l.id)`, sql`l.replies_policy`, chosen ? chosenLanguages(sql`${sql.placeholder('languages')}::text[]`) : sql``)}) p) as ids
        from lists l where l.id = ${sql.placeholder('list')}::bigint and l.account_id = ${viewer}`,
  );
const followedIdsDown = followedIdsQuery('desc');
const followedIdsUp = followedIdsQuery('asc');
const listPages = { down: listPageQuery('desc', false), up: listPageQuery('asc', false), downChosen: listPageQuery('desc', true), upChosen: listPageQuery('asc', true) };

/** A page's bounds as the statements above take them (min_id and since_id: the higher wins). */
const bounds = (page: Page) => ({
  below: page.maxId ?? null,
  above:
    [page.minId, page.sinceId]
      .filter((id): id is string => id !== undefined)
      .sort(compareIds)
      .pop() ?? null,
  limit: page.limit,
});

/** Newest first, as every page is answered: a min_id page was read oldest first. */
export const newestFirstOf = (ids: string[], page: Page): string[] => (page.minId ? ids.reverse() : ids);

/**
 * Posts of followed accounts (all of them, or only `authors`) that this viewer's feed would have
 * received, by the fan-out rules; newest first (for min_id, the ones just above it). Which
 * replies to others show: with the "followed" policy (home), replies to accounts the viewer
 * follows; "list", replies to the list's members; "none", none.
 */
export async function followedIds(db: Db, viewerId: string, authors: readonly string[] | null, page: Page, replies: RepliesPolicy = 'followed'): Promise<string[]> {
  const { rows } = await (page.minId ? followedIdsUp : followedIdsDown)(db, {
    viewer: viewerId,
    authors: authors ? `{${authors.join(',')}}` : null,
    ...bounds(page),
    // "list" with no members named is the home timeline's rule.
    replies: replies === 'list' && !authors ? 'followed' : replies,
  });
  return newestFirstOf(
    rows.map((r) => r.id),
    page,
  );
}

/** A list's page, newest first, in the reader's chosen languages (null: every one); null when the list is not the viewer's. */
export async function listPageIds(db: Db, viewerId: string, listId: string, page: Page, languages: readonly string[] | null = null): Promise<string[] | null> {
  const given = { viewer: viewerId, list: listId, ...bounds(page) };
  const [found] = (
    languages?.length
      ? await (page.minId ? listPages.upChosen : listPages.downChosen)(db, { ...given, languages: textArray(languages) })
      : await (page.minId ? listPages.up : listPages.down)(db, given)
  ).rows;
  return found ? newestFirstOf(found.ids, page) : null;
}
