// The link timeline (Mastodon's GET /api/v1/timelines/link): public posts linking to an address,
// by authors who opted into discovery. Parley keeps no link trends, so any address may be asked.
import type { Db } from '../../store/db.ts';
import { linkingStatusIds } from '../../store/statuses/links.ts';
import { readPage, type Page, type Paged } from '../pagination.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { normaliseUrl } from '../text/links.ts';
import { pageOf } from './status-pages.ts';

export function createLinkPage(deps: { db: Db; views: StatusViews }) {
  return {
    async link(viewerId: string | null, url: string, page: Page): Promise<Paged<StatusView>> {
      const wanted = normaliseUrl(url);
      if (!wanted) return { items: [], cursors: null };
      const ids = await readPage(page, (over) => linkingStatusIds(deps.db, wanted, { over, limit: page.limit }));
      return pageOf(await deps.views.hydrate(viewerId, ids, { forLists: true }), ids);
    },
  };
}
