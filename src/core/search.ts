// Local search: hashtags by prefix, and posts by words (the viewer's own, and local public ones).
// Remote lookups (resolve=true) belong to federation and will extend this.
import { and, asc, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { statuses, tags } from '../store/schema/index.ts';
import type { StatusView, StatusViews } from './statuses/views.ts';

export interface SearchWindow {
  limit: number;
  offset: number;
}

/** LIKE patterns treat % and _ as wildcards; a query is matched literally. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function createSearch(deps: { db: Db; views: StatusViews }) {
  const { db, views } = deps;
  return {
    async hashtags(query: string, window: SearchWindow): Promise<{ id: string; name: string; displayName: string }[]> {
      const name = query.trim().replace(/^#/, '').toLowerCase();
      if (!name) return [];
      return db
        .select({ id: tags.id, name: tags.name, displayName: tags.displayName })
        .from(tags)
        .where(sql`${tags.name} like ${`${literal(name)}%`}`)
        .orderBy(sql`${tags.name} = ${name} desc`, asc(tags.name))
        .limit(window.limit)
        .offset(window.offset);
    },

    /** Posts containing every word of the query, newest first, seen through the visibility rules. */
    async statuses(viewerId: string | null, query: string, window: SearchWindow): Promise<StatusView[]> {
      const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 8);
      if (words.length === 0) return [];
      const audience = viewerId
        ? or(eq(statuses.accountId, viewerId), and(eq(statuses.local, true), eq(statuses.visibility, 'public')))
        : and(eq(statuses.local, true), eq(statuses.visibility, 'public'));
      const rows = await db
        .select({ id: statuses.id })
        .from(statuses)
        .where(and(audience, isNull(statuses.reblogOfId), ...words.map((w) => ilike(statuses.text, `%${literal(w)}%`))))
        .orderBy(desc(statuses.id))
        .limit(window.limit)
        .offset(window.offset);
      return views.hydrate(
        viewerId,
        rows.map((r) => r.id),
        { forLists: true },
      );
    },
  };
}

export type Search = ReturnType<typeof createSearch>;
