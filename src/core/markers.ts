// Reading positions (markers) that apps sync across devices: home and notifications, the two
// timelines Mastodon keeps markers for.
import { isId } from './ids.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { markers } from '../store/schema/index.ts';
import { Problems } from './errors.ts';

export type MarkerTimeline = 'home' | 'notifications';
export type MarkerRow = typeof markers.$inferSelect;

export function createMarkers(deps: { db: Db }) {
  const { db } = deps;
  return {
    async get(accountId: string, timelines: MarkerTimeline[]): Promise<MarkerRow[]> {
      if (timelines.length === 0) return [];
      return db
        .select()
        .from(markers)
        .where(and(eq(markers.accountId, accountId), inArray(markers.timeline, timelines)));
    },

    /**
     * Saves positions. A save that moves a marker bumps its version (clients use it to detect
     * conflicts) and its time; one that names the same position changes nothing, as in Mastodon.
     */
    async set(accountId: string, positions: Partial<Record<MarkerTimeline, string>>): Promise<MarkerRow[]> {
      const problems = new Problems();
      for (const [timeline, id] of Object.entries(positions)) if (!isId(id)) problems.add(`${timeline}.last_read_id`, 'ERR_INVALID', 'is not an id');
      problems.throwIfAny();
      const saved: MarkerRow[] = [];
      const moved = sql`${markers.lastReadId} <> excluded.last_read_id`;
      for (const [timeline, lastReadId] of Object.entries(positions) as [MarkerTimeline, string][]) {
        const [row] = await db
          .insert(markers)
          .values({ accountId, timeline, lastReadId })
          .onConflictDoUpdate({
            target: [markers.accountId, markers.timeline],
            set: {
              lastReadId,
              version: sql`case when ${moved} then ${markers.version} + 1 else ${markers.version} end`,
              updatedAt: sql`case when ${moved} then now() else ${markers.updatedAt} end`,
            },
          })
          .returning();
        saved.push(row!);
      }
      return saved;
    },
  };
}

export type Markers = ReturnType<typeof createMarkers>;
