// The home timeline: what fan-out pushed into the viewer's feed (infra/feed-store), merged with the
// posts of followed accounts that are pulled (see pulled, pulled-page); an empty feed is rebuilt
// on the first page's read (see home-rebuild).
import { sql } from 'drizzle-orm';
import type { FeedStore } from '../../infra/feeds.ts';
import type { Db } from '../../store/db.ts';
import { compareIds } from '../ids.ts';
import type { Page, Paged } from '../pagination.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { followedIds } from './followed-page.ts';
import type { HomeRebuild } from './home-rebuild.ts';
import type { PulledAuthors, PulledFollow } from './pulled.ts';
import { pickPulled } from './pulled-page.ts';
import { pageOf } from './status-pages.ts';

/** How many recent posts an empty home feed is rebuilt with. */
const REBUILD_SIZE = 400;

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

export function createHomePage(deps: { db: Db; feeds: FeedStore; views: StatusViews; pulled: PulledAuthors; rebuild: HomeRebuild }) {
  const { db, feeds, views, pulled, rebuild } = deps;

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

  /** Leaves out posts of pulled authors: fan-out never pushes them, the page reads them fresh (an edit's new language, say). */
  async function withoutPulled(ids: string[], pulledIds: string[]): Promise<string[]> {
    if (ids.length === 0 || pulledIds.length === 0) return ids;
    const { rows } = await db.execute<{ id: string }>(
      sql`select id::text from statuses where id = any(${`{${ids.join(',')}}`}::bigint[]) and account_id <> all(${`{${pulledIds.join(',')}}`}::bigint[])`,
    );
    const kept = new Set(rows.map((r) => r.id));
    return ids.filter((id) => kept.has(id));
  }

  /** The feed's page; an empty feed read from its first page is rebuilt now, instead of making the reader wait for a job. */
  async function pushedPage(viewerId: string, page: Page, followed: Promise<PulledFollow[]>): Promise<string[]> {
    const pushed = await feeds.page(viewerId, page);
    if (pushed.length > 0 || page.maxId || page.minId || page.sinceId) return pushed;
    const recent = await withoutPulled(
      await rebuild.recent(viewerId, REBUILD_SIZE),
      (await followed).map((f) => f.id),
    );
    if (recent.length === 0) return pushed;
    await feeds.merge(viewerId, recent);
    return recent.slice(0, page.limit);
  }

  /** The home feed: what fan-out pushed, merged with the posts of followed accounts that are pulled. */
  return async function home(viewerId: string, page: Page): Promise<Paged<StatusView>> {
    const pulledFollows = pulled.of(viewerId);
    const [pushed, followed] = await Promise.all([pushedPage(viewerId, page, pulledFollows), pulledFollows]);
    if (followed.length === 0) return pageOf(await views.hydrate(viewerId, pushed, { forLists: true }), pushed);
    const fromPulled =
      (await pulledPage(viewerId, followed, page)) ??
      (await followedIds(
        db,
        viewerId,
        followed.map((f) => f.id),
        page,
      ));
    const ids = mergePage(pushed, fromPulled, page);
    return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
  };
}
