// Trends as the API shows them: what the job stored, approved when review is manual, nothing when
// trends are off; statuses hydrated for the viewer (who does not see what it blocks or mutes).
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import { trendingLinks, trendingStatusIds, trendingTags, type TrendingLink, type TrendingTag } from '../../store/trends/read.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';

export type { TrendingLink, TrendingTag };

export interface TrendsPage {
  offset: number;
  limit: number;
}

export function createTrendReads(deps: { db: Db; views: StatusViews; config: Pick<Config, 'trends'> }) {
  const { db, views, config } = deps;
  const { enabled, review } = config.trends;
  const page = (p: TrendsPage) => ({ ...p, approvedOnly: review === 'manual' });
  return {
    async statuses(viewerId: string | null, p: TrendsPage): Promise<StatusView[]> {
      if (!enabled) return [];
      return views.hydrate(viewerId, await trendingStatusIds(db, page(p)), { forLists: true });
    },
    tags: async (p: TrendsPage): Promise<TrendingTag[]> => (enabled ? trendingTags(db, page(p)) : []),
    links: async (p: TrendsPage): Promise<TrendingLink[]> => (enabled ? trendingLinks(db, page(p)) : []),
  };
}
