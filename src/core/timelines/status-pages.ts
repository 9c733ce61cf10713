// What the statuses' pages share (public, hashtag and account timelines): ids of statuses matching
// conditions, a page at a time; hashtags by name; a page of views with its cursors.
import { and, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { statuses, statusTags, tags } from '../../store/schema/index.ts';
import { newestFirst, pageOver, type Page, type Paged } from '../pagination.ts';
import type { StatusView } from '../statuses/views.ts';

/** The status carries attachments now (`only_media`); its attachments are found by its id (an index). */
export const HAS_MEDIA = sql`exists (select 1 from media_attachments ma where ma.status_id = ${statuses.id} and ma.position is not null)`;

/** Cursors follow the raw page, so a page whose statuses were all filtered out still pages on. */
export function pageOf(views: StatusView[], rawCursors: string[]): Paged<StatusView> {
  return { items: views, cursors: rawCursors.length > 0 ? { newest: rawCursors[0]!, oldest: rawCursors[rawCursors.length - 1]! } : null };
}

export function createStatusQueries(db: Db) {
  return {
    async statusIds(where: (SQL | undefined)[], page: Page): Promise<string[]> {
      const p = pageOver(statuses.id, page);
      const rows = await db
        .select({ id: statuses.id })
        .from(statuses)
        .where(and(...where, p.where))
        .orderBy(p.order)
        .limit(page.limit);
      return newestFirst(rows, p.reverse).map((r) => r.id);
    },

    async tagIds(names: string[]): Promise<string[]> {
      const lower = [...new Set(names.map((n) => n.toLowerCase().replace(/^#/, '')))];
      if (lower.length === 0) return [];
      const rows = await db.select({ id: tags.id }).from(tags).where(inArray(tags.name, lower));
      return rows.map((r) => r.id);
    },

    taggedWith: (tagId: string) =>
      exists(
        db
          .select({ x: sql`1` })
          .from(statusTags)
          .where(and(eq(statusTags.statusId, statuses.id), eq(statusTags.tagId, tagId))),
      ),
  };
}

export type StatusQueries = ReturnType<typeof createStatusQueries>;
