// The archetype of an annual report: a playful, very coarse word for how the account posted.
import type { YearCounts } from '../../store/annual-reports/stats.ts';

export type Archetype = 'lurker' | 'booster' | 'pollster' | 'replier' | 'oracle';

/** Fewer statuses than one a month (posts, replies and reblogs together) is lurking. */
export const LURKER_BELOW = 12;

/**
 * Parley's rule, first match wins:
 * 1. fewer than LURKER_BELOW statuses in the year: `lurker`;
 * 2. reblogs are more than half of all its statuses: `booster`;
 * 3. replies to others are more than half of all its statuses: `replier`;
 * 4. at least one original post in five carried a poll: `pollster`;
 * 5. otherwise its own posts carry the year: `oracle`.
 */
export function archetypeOf(c: Pick<YearCounts, 'total' | 'reblogs' | 'replies' | 'standalone' | 'polls'>): Archetype {
  if (c.total < LURKER_BELOW) return 'lurker';
  if (c.reblogs * 2 > c.total) return 'booster';
  if (c.replies * 2 > c.total) return 'replier';
  if (c.standalone > 0 && c.polls * 5 >= c.standalone) return 'pollster';
  return 'oracle';
}
