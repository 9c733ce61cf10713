// Applying a viewer's filters to what the doors list: the statuses under a "hide" filter leave,
// the others carry their matches.
import type { FilterContext } from '../../store/schema/index.ts';
import type { StatusView } from '../statuses/views.ts';
import type { FilterCache } from './cache.ts';
import { compileFilters, plainText, type FilterMatch } from './match.ts';

export function createApplyFilters(cache: FilterCache) {
  return {
    /** The viewer's active filters for a context, compiled; null when there are none (most viewers). */
    async matcherFor(viewerId: string, context: FilterContext): Promise<((statusId: string, text: string) => FilterMatch[]) | null> {
      const found = await cache.active(viewerId, context);
      return found.length > 0 ? compileFilters(found) : null;
    },

    /**
     * Applies the viewer's filters for a context to a list: statuses under a "hide" filter leave it,
     * the others carry their matches (shown as a warning). The viewer's own posts are never filtered.
     */
    async apply(viewerId: string | null, context: FilterContext, views: StatusView[]): Promise<{ views: StatusView[]; matches: Map<string, FilterMatch[]> }> {
      const matches = new Map<string, FilterMatch[]>();
      if (!viewerId || views.length === 0) return { views, matches };
      const found = await cache.active(viewerId, context);
      if (found.length === 0) return { views, matches };
      const match = compileFilters(found);
      const kept = views.filter((v) => {
        const target = v.reblog ?? v;
        if (target.account.account.id === viewerId) return true;
        const found = match(target.status.id, `${target.status.spoilerText}\n${plainText(target.status.contentHtml)}`);
        if (found.some((m) => m.filter.action === 'hide')) return false;
        if (found.length > 0) matches.set(v.status.id, found);
        return true;
      });
      return { views: kept, matches };
    },
  };
}
