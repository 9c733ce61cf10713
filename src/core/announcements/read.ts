// Reading announcements: the active ones as a user sees them (read or not, reactions counted with
// their own marked), one for the streams, every one for the administrator.
import { activeAnnouncements, allAnnouncements, announcementById, type AnnouncementRow } from '../../store/announcements/announcements.ts';
import { dismissedOf, reactionCounts } from '../../store/announcements/reads.ts';
import type { Db } from '../../store/db.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { type AnnouncementView, isActive } from './deps.ts';

async function viewsOf(db: Db, rows: AnnouncementRow[], viewerId: string | null): Promise<AnnouncementView[]> {
  const ids = rows.map((r) => r.id);
  const [dismissed, reactions] = await Promise.all([viewerId ? dismissedOf(db, viewerId, ids) : null, reactionCounts(db, ids, viewerId)]);
  return rows.map((announcement) => ({
    announcement,
    read: dismissed ? dismissed.has(announcement.id) : null,
    reactions: reactions.filter((r) => r.announcementId === announcement.id).map(({ name, count, me }) => ({ name, count, me })),
  }));
}

/** The announcement of this id while it shows; not found before its start, after its end, or removed. */
export async function activeAnnouncement(db: Db, id: string): Promise<AnnouncementRow> {
  const row = isId(id) ? await announcementById(db, id) : undefined;
  if (!row || !isActive(row)) throw new NotFoundError();
  return row;
}

export function createAnnouncementReads(db: Db) {
  return {
    /** What shows now, as this user sees it. */
    async active(viewerId: string): Promise<AnnouncementView[]> {
      return viewsOf(db, await activeAnnouncements(db, new Date()), viewerId);
    },

    /**
     * One that has not ended, as everyone sees it at its start (unread, the reactions none of theirs);
     * undefined otherwise. Its start is not checked: the job sending it runs at its start by the
     * database's clock, which this process's may trail by a little.
     */
    async forDelivery(id: string): Promise<AnnouncementView | undefined> {
      const row = isId(id) ? await announcementById(db, id) : undefined;
      if (!row || !isActive({ startsAt: null, endsAt: row.endsAt })) return undefined;
      const [view] = await viewsOf(db, [row], null);
      return { ...view!, read: false };
    },

    /** Every one, past and future included, newest first. */
    all: (): Promise<AnnouncementRow[]> => allAnnouncements(db),
  };
}
