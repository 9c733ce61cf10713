// Timelines: the home feed, public and hashtag timelines, an account's posts, favourites, bookmarks.
import { compareIds, isId } from '../ids.ts';
import { and, eq, exists, inArray, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import { namedStatement, type Db } from '../../store/db.ts';
import { bookmarks, favourites, statusPins, statuses, statusTags, tags, follows, statusMentions } from '../../store/schema/index.ts';
import type { FeedStore } from '../../infra/feeds.ts';
import { NotFoundError } from '../errors.ts';
import { newestFirst, pageOver, type Page, type Paged } from '../pagination.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import type { RepliesPolicy } from '../../store/schema/index.ts';
import type { PulledAuthors, PulledFollow } from './pulled.ts';
import { pickPulled } from './pulled-page.ts';
import { followShows, homeVisibility, inExclusiveList, type Follows, type FollowSql, type HomeFollow, type StatusSql } from './home-rule.ts';

export interface PublicOptions {
  local?: boolean | undefined;
  remote?: boolean | undefined;
  onlyMedia?: boolean | undefined;
}

export interface TagOptions extends PublicOptions {
  any?: string[] | undefined;
  all?: string[] | undefined;
  none?: string[] | undefined;
}

export interface AccountTimelineOptions {
  excludeReplies?: boolean | undefined;
  excludeReblogs?: boolean | undefined;
  onlyMedia?: boolean | undefined;
  pinned?: boolean | undefined;
  tagged?: string | undefined;
}

/** Cursors follow the raw page, so a page whose statuses were all filtered out still pages on. */
function pageOf(views: StatusView[], rawCursors: string[]): Paged<StatusView> {
  return { items: views, cursors: rawCursors.length > 0 ? { newest: rawCursors[0]!, oldest: rawCursors[rawCursors.length - 1]! } : null };
}

const PLAIN_FOLLOW: HomeFollow = Object.freeze({ showReblogs: true, languages: null, exclusive: false });

/** A status of the statuses table (`s`), as followedPage reads it. */
const reblogged = (column: string) => sql.raw(`(select o.${column} from statuses o where o.id = s.reblog_of_id)`);
const storedStatus: StatusSql = {
  notReblog: sql`s.reblog_of_id is null`,
  originalAuthor: reblogged('account_id'),
  notReplyToOther: sql`s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id`,
  replyTo: sql`s.in_reply_to_account_id`,
  language: sql`coalesce(${reblogged('language')}, s.language)`,
};

/** How many recent posts an empty home feed is rebuilt with. */
const REBUILD_SIZE = 400;

// Media attachments arrive with the media work; until then no status has any.
const HAS_MEDIA = sql`false`;

export function createTimelines(deps: { db: Db; feeds: FeedStore; views: StatusViews; pulled: PulledAuthors }) {
  const { db, feeds, views, pulled } = deps;

  const followsQuery = db
    .select({
      id: follows.targetAccountId,
      showReblogs: follows.showReblogs,
      languages: follows.languages,
      exclusive: sql<boolean>`${inExclusiveList(sql`follows.account_id`, sql`follows.target_account_id`)}`,
    })
    .from(follows)
    .where(eq(follows.accountId, sql.placeholder('viewer')))
    .prepare('stream_follows');

  /** What an open home or list stream needs to know of the viewer's follows (see home-rule). */
  async function streamFollows(viewerId: string): Promise<Follows> {
    const rows = await followsQuery.execute({ viewer: viewerId });
    // Most follows have no choices: they share one object (thousands of open screens hold these).
    return new Map(
      rows.map((r): [string, HomeFollow] => [
        r.id,
        r.showReblogs && r.languages === null && !r.exclusive ? PLAIN_FOLLOW : { showReblogs: r.showReblogs, languages: r.languages, exclusive: r.exclusive },
      ]),
    );
  }

  // Per followed account, its newest matching posts by the (account_id, id) index, then merged:
  // one scan of a few rows per account instead of reading and sorting everything they wrote. No
  // join inside (a join made PostgreSQL read and sort all of a celebrity's 43,000 posts). Named
  // and compiled once, with bounds and choices as parameters: built and planned per request, it
  // cost the list timeline ~0.6 ms of PostgreSQL a page before a row was read. `authors` null:
  // every followed account outside the viewer's exclusive lists.
  const viewer = sql`${sql.placeholder('viewer')}::bigint`;
  const follow: FollowSql = { viewer, showReblogs: sql`f.show_reblogs`, languages: sql`f.languages` };
  const followedPage = (direction: 'asc' | 'desc', authors: SQL, replies: SQL): SQL => sql`
      select x.id from follows f
      cross join lateral (
        select s.id from statuses s
        where s.account_id = f.target_account_id
          and ${homeVisibility(sql`s.visibility`)}
          and ${followShows(follow, storedStatus, { policy: replies, members: authors })}
          and s.id < coalesce(${sql.placeholder('below')}::bigint, 9223372036854775807)
          and s.id > coalesce(${sql.placeholder('above')}::bigint, 0)
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
  const listPageQuery = (direction: 'asc' | 'desc') =>
    namedStatement<{ ids: string[] }>(
      `list_page_${direction}`,
      sql`select array(select p.id::text from (${followedPage(direction, sql`array(select la.account_id from list_accounts la where la.list_id = l.id)`, sql`l.replies_policy`)}) p) as ids
          from lists l where l.id = ${sql.placeholder('list')}::bigint and l.account_id = ${viewer}`,
    );
  const followedIdsDown = followedIdsQuery('desc');
  const followedIdsUp = followedIdsQuery('asc');
  const listPageDown = listPageQuery('desc');
  const listPageUp = listPageQuery('asc');

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
  const newestFirstOf = (ids: string[], page: Page) => (page.minId ? ids.reverse() : ids);

  /**
   * Posts of followed accounts (all of them, or only `authors`) that this viewer's feed would have
   * received, by the fan-out rules; newest first (for min_id, the ones just above it). Which
   * replies to others show: with the "followed" policy (home), replies to accounts the viewer
   * follows; "list", replies to the list's members; "none", none.
   */
  async function followedIds(viewerId: string, authors: string[] | null, page: Page, replies: RepliesPolicy = 'followed'): Promise<string[]> {
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

  /**
   * The page's posts of pulled authors, as followedIds would read them, from their recent posts
   * kept in memory (see timelines/pulled and pulled-page). Null when the page reaches below what is
   * kept of an author: PostgreSQL answers then.
   */
  async function pulledPage(viewerId: string, followed: PulledFollow[], page: Page): Promise<string[] | null> {
    const pick = pickPulled(viewerId, followed, await pulled.recent(followed.map((f) => f.id)), page);
    if (!pick) return null;
    // Replies to someone else show to those who follow them too: one look at those accounts.
    const followsTarget = new Set<string>();
    if (pick.replyTargets.length > 0) {
      const { rows } = await db.execute<{ id: string }>(
        sql`select target_account_id::text as id from follows where account_id = ${viewerId} and target_account_id = any(${`{${pick.replyTargets.join(',')}}`}::bigint[])`,
      );
      for (const r of rows) followsTarget.add(r.id);
    }
    return pick.finish(followsTarget);
  }

  /** Merges two newest-first id lists into one page (for min_id: the ones just above it). */
  function mergePage(a: string[], b: string[], page: Page): string[] {
    const all: string[] = [];
    // A page without min_id is the newest `limit`: the merge stops there.
    const enough = page.minId ? Infinity : page.limit;
    for (let i = 0, j = 0; all.length < enough && (i < a.length || j < b.length); ) {
      const order = i >= a.length ? -1 : j >= b.length ? 1 : compareIds(a[i]!, b[j]!);
      const id = order >= 0 ? a[i++]! : b[j++]!;
      if (order === 0) j++;
      // In both lists, or twice in one: sorted, so any repeat is next to its twin.
      if (all.at(-1) !== id) all.push(id);
    }
    return page.minId ? all.slice(-page.limit) : all;
  }

  async function statusIds(where: (SQL | undefined)[], page: Page): Promise<string[]> {
    const p = pageOver(statuses.id, page);
    const rows = await db
      .select({ id: statuses.id })
      .from(statuses)
      .where(and(...where, p.where))
      .orderBy(p.order)
      .limit(page.limit);
    return newestFirst(rows, p.reverse).map((r) => r.id);
  }

  function origin(options: PublicOptions): SQL | undefined {
    if (options.local) return eq(statuses.local, true);
    if (options.remote) return eq(statuses.local, false);
    return undefined;
  }

  const publicStatus = and(
    eq(statuses.visibility, 'public'),
    isNull(statuses.reblogOfId),
    // Public timelines leave out replies to others, as Mastodon's do.
    or(isNull(statuses.inReplyToAccountId), eq(statuses.inReplyToAccountId, statuses.accountId)),
  );

  async function tagIds(names: string[]): Promise<string[]> {
    const lower = [...new Set(names.map((n) => n.toLowerCase().replace(/^#/, '')))];
    if (lower.length === 0) return [];
    const rows = await db.select({ id: tags.id }).from(tags).where(inArray(tags.name, lower));
    return rows.map((r) => r.id);
  }

  const taggedWith = (tagId: string) =>
    exists(
      db
        .select({ x: sql`1` })
        .from(statusTags)
        .where(and(eq(statusTags.statusId, statuses.id), eq(statusTags.tagId, tagId))),
    );

  /** The statuses an account favourited, bookmarked or pinned (`table`), newest first, as `viewerId` sees them. */
  async function listedBy(table: typeof favourites | typeof bookmarks | typeof statusPins, ownerId: string, viewerId: string | null, page: Page): Promise<Paged<StatusView>> {
    const p = pageOver(table.id, page);
    const query = db.select({ id: table.statusId, cursor: table.id }).from(table as typeof favourites);
    const rows = newestFirst(
      await query
        .where(and(eq(table.accountId, ownerId), p.where))
        .orderBy(p.order)
        .limit(page.limit),
      p.reverse,
    );
    return pageOf(
      await views.hydrate(
        viewerId,
        rows.map((r) => r.id),
      ),
      rows.map((r) => r.cursor),
    );
  }
  return {
    streamFollows,

    /** The home feed: what fan-out pushed, merged with the posts of followed accounts that are pulled. */
    async home(viewerId: string, page: Page): Promise<Paged<StatusView>> {
      let [pushed, followed] = await Promise.all([feeds.page(viewerId, page), pulled.of(viewerId)]);
      const firstPage = !page.maxId && !page.minId && !page.sinceId;
      if (firstPage && pushed.length === 0) {
        // An empty feed (a new Redis, an expired or never-built feed): rebuild it now from the
        // followed accounts' recent posts, instead of making the reader wait for a job.
        const recent = await followedIds(viewerId, null, { limit: REBUILD_SIZE });
        if (recent.length > 0) {
          await feeds.merge(viewerId, recent);
          pushed = recent.slice(0, page.limit);
        }
      }
      if (followed.length === 0) return pageOf(await views.hydrate(viewerId, pushed, { forLists: true }), pushed);
      const fromPulled =
        (await pulledPage(viewerId, followed, page)) ??
        (await followedIds(
          viewerId,
          followed.map((f) => f.id),
          page,
        ));
      const ids = mergePage(pushed, fromPulled, page);
      return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
    },

    /** A list's timeline: its members' posts, read at request time by the home timeline's rules. */
    async list(viewerId: string, listId: string, page: Page): Promise<Paged<StatusView>> {
      if (!isId(listId)) throw new NotFoundError();
      const [found] = (await (page.minId ? listPageUp : listPageDown)(db, { viewer: viewerId, list: listId, ...bounds(page) })).rows;
      if (!found) throw new NotFoundError();
      const ids = newestFirstOf(found.ids, page);
      return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
    },

    async public(viewerId: string | null, options: PublicOptions, page: Page): Promise<Paged<StatusView>> {
      const ids = await statusIds([publicStatus, origin(options), options.onlyMedia ? HAS_MEDIA : undefined], page);
      return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
    },

    async tag(viewerId: string | null, name: string, options: TagOptions, page: Page): Promise<Paged<StatusView>> {
      const [main] = await tagIds([name]);
      if (!main) return { items: [], cursors: null };
      const conditions: (SQL | undefined)[] = [eq(statuses.visibility, 'public'), isNull(statuses.reblogOfId), origin(options), options.onlyMedia ? HAS_MEDIA : undefined];
      const any = await tagIds(options.any ?? []);
      conditions.push(any.length ? or(taggedWith(main), ...any.map(taggedWith)) : taggedWith(main));
      for (const id of await tagIds(options.all ?? [])) conditions.push(taggedWith(id));
      for (const id of await tagIds(options.none ?? []))
        conditions.push(
          notExists(
            db
              .select({ x: sql`1` })
              .from(statusTags)
              .where(and(eq(statusTags.statusId, statuses.id), eq(statusTags.tagId, id))),
          ),
        );
      const ids = await statusIds(conditions, page);
      return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
    },

    /** An account's statuses as the viewer may see them (the SQL narrows, the rules decide). */
    async account(viewerId: string | null, accountId: string, options: AccountTimelineOptions, page: Page): Promise<Paged<StatusView>> {
      if (!isId(accountId)) throw new NotFoundError();
      const author = await db.query.accounts.findFirst({ where: (a, { eq: e }) => e(a.id, accountId) });
      if (!author || author.suspendedAt) throw new NotFoundError();
      if (options.pinned) return listedBy(statusPins, accountId, viewerId, page);
      const own = viewerId === accountId;
      const audience: SQL | undefined = own
        ? undefined
        : or(
            inArray(statuses.visibility, ['public', 'unlisted']),
            viewerId
              ? and(
                  eq(statuses.visibility, 'private'),
                  exists(
                    db
                      .select({ x: sql`1` })
                      .from(follows)
                      .where(and(eq(follows.accountId, viewerId), eq(follows.targetAccountId, accountId))),
                  ),
                )
              : undefined,
            viewerId
              ? exists(
                  db
                    .select({ x: sql`1` })
                    .from(statusMentions)
                    .where(and(eq(statusMentions.statusId, statuses.id), eq(statusMentions.accountId, viewerId))),
                )
              : undefined,
          );
      const conditions: (SQL | undefined)[] = [eq(statuses.accountId, accountId), audience];
      if (options.excludeReplies) conditions.push(or(isNull(statuses.inReplyToAccountId), eq(statuses.inReplyToAccountId, statuses.accountId)));
      if (options.excludeReblogs) conditions.push(isNull(statuses.reblogOfId));
      if (options.onlyMedia) conditions.push(HAS_MEDIA);
      if (options.tagged) {
        const [tagId] = await tagIds([options.tagged]);
        if (!tagId) return { items: [], cursors: null };
        conditions.push(taggedWith(tagId));
      }
      const ids = await statusIds(conditions, page);
      return pageOf(await views.hydrate(viewerId, ids), ids);
    },

    favourites: (viewerId: string, page: Page) => listedBy(favourites, viewerId, viewerId, page),
    bookmarks: (viewerId: string, page: Page) => listedBy(bookmarks, viewerId, viewerId, page),
  };
}

export type Timelines = ReturnType<typeof createTimelines>;
