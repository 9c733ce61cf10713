// An account's statuses as a viewer may see them, and the statuses an account favourited,
// bookmarked or pinned.
import { and, eq, exists, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { bookmarks, favourites, follows, statuses, statusMentions, statusPins } from '../../store/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { newestFirst, pageOver, type Page, type Paged } from '../pagination.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { HAS_MEDIA, pageOf, type StatusQueries } from './status-pages.ts';

export interface AccountTimelineOptions {
  excludeReplies?: boolean | undefined;
  excludeReblogs?: boolean | undefined;
  onlyMedia?: boolean | undefined;
  pinned?: boolean | undefined;
  tagged?: string | undefined;
}

/** Which of the account's statuses the viewer may see (null: anyone's view; the SQL narrows, the rules decide). */
function audienceOf(db: Db, viewerId: string | null, accountId: string): SQL | undefined {
  if (viewerId === accountId) return undefined;
  return or(
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
}

export function createAccountPages(deps: { db: Db; views: StatusViews; queries: StatusQueries }) {
  const { db, views, queries } = deps;

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
    /** An account's statuses as the viewer may see them (the SQL narrows, the rules decide). */
    async account(viewerId: string | null, accountId: string, options: AccountTimelineOptions, page: Page): Promise<Paged<StatusView>> {
      if (!isId(accountId)) throw new NotFoundError();
      const author = await db.query.accounts.findFirst({ where: (a, { eq: e }) => e(a.id, accountId) });
      if (!author || author.suspendedAt) throw new NotFoundError();
      if (options.pinned) return listedBy(statusPins, accountId, viewerId, page);
      const conditions: (SQL | undefined)[] = [eq(statuses.accountId, accountId), audienceOf(db, viewerId, accountId)];
      if (options.excludeReplies) conditions.push(or(isNull(statuses.inReplyToAccountId), eq(statuses.inReplyToAccountId, statuses.accountId)));
      if (options.excludeReblogs) conditions.push(isNull(statuses.reblogOfId));
      if (options.onlyMedia) conditions.push(HAS_MEDIA);
      if (options.tagged) {
        const [tagId] = await queries.tagIds([options.tagged]);
        if (!tagId) return { items: [], cursors: null };
        conditions.push(queries.taggedWith(tagId));
      }
      const ids = await queries.statusIds(conditions, page);
      return pageOf(await views.hydrate(viewerId, ids), ids);
    },

    favourites: (viewerId: string, page: Page) => listedBy(favourites, viewerId, viewerId, page),
    bookmarks: (viewerId: string, page: Page) => listedBy(bookmarks, viewerId, viewerId, page),
  };
}
