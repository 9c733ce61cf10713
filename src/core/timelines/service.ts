// Timelines: the home feed, lists, public, hashtag and link timelines, an account's posts, favourites,
// bookmarks. Each kind of page has its module; this wires them.
import type { FeedStore } from '../../infra/feeds.ts';
import type { Db } from '../../store/db.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import type { Page, Paged } from '../pagination.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { createAccountPages } from './account-pages.ts';
import { listPageIds } from './followed-page.ts';
import { createHomePage } from './home-page.ts';
import { createLinkPage } from './link-page.ts';
import { followedRebuild, type HomeRebuild } from './home-rebuild.ts';
import { createPublicPages } from './public-pages.ts';
import type { PulledAuthors } from './pulled.ts';
import { createStatusQueries, pageOf } from './status-pages.ts';
import { createStreamFollows } from './stream-follows.ts';

export type { AccountTimelineOptions } from './account-pages.ts';
export type { PublicOptions, TagOptions } from './public-pages.ts';

export function createTimelines(deps: { db: Db; feeds: FeedStore; views: StatusViews; pulled: PulledAuthors; rebuild?: HomeRebuild }) {
  const { db, views } = deps;
  const queries = createStatusQueries(db);
  return {
    /** What an open home or list stream needs to know of the viewer's follows (see home-rule). */
    streamFollows: createStreamFollows(db),

    /** The home feed: what fan-out pushed, merged with the posts of followed accounts that are pulled. */
    home: createHomePage({ ...deps, rebuild: deps.rebuild ?? followedRebuild(db) }),

    /** A list's timeline: its members' posts, read at request time by the home timeline's rules (in the reader's chosen languages, when given). */
    async list(viewerId: string, listId: string, page: Page, languages: readonly string[] | null = null): Promise<Paged<StatusView>> {
      if (!isId(listId)) throw new NotFoundError();
      const ids = await listPageIds(db, viewerId, listId, page, languages);
      if (!ids) throw new NotFoundError();
      return pageOf(await views.hydrate(viewerId, ids, { forLists: true }), ids);
    },

    ...createPublicPages({ db, views, queries }),
    ...createAccountPages({ db, views, queries }),
    ...createLinkPage({ db, views }),
  };
}

export type Timelines = ReturnType<typeof createTimelines>;
