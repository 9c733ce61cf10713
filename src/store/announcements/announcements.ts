// The announcements table: written by the administrator's command, read by every user.
import { and, asc, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { type AnnouncementRow, announcements } from '../schema/index.ts';

export type { AnnouncementRow };

export async function insertAnnouncement(tx: DbOrTx, row: typeof announcements.$inferInsert): Promise<AnnouncementRow> {
  const [made] = await tx.insert(announcements).values(row).returning();
  return made!;
}

/** Removes an announcement; whether there was one. */
export async function deleteAnnouncement(tx: DbOrTx, id: string): Promise<boolean> {
  const gone = await tx.delete(announcements).where(eq(announcements.id, id)).returning({ id: announcements.id });
  return gone.length > 0;
}

export async function announcementById(db: DbOrTx, id: string): Promise<AnnouncementRow | undefined> {
  const [row] = await db.select().from(announcements).where(eq(announcements.id, id));
  return row;
}

/** Those shown at this moment: started (or without a start) and not ended, oldest first (as Mastodon lists them). */
export function activeAnnouncements(db: DbOrTx, now: Date): Promise<AnnouncementRow[]> {
  return db
    .select()
    .from(announcements)
    .where(and(or(isNull(announcements.startsAt), lte(announcements.startsAt, now)), or(isNull(announcements.endsAt), gt(announcements.endsAt, now))))
    .orderBy(asc(announcements.id));
}

/** Every announcement, past and future included, newest first (for the administrator). */
export function allAnnouncements(db: DbOrTx): Promise<AnnouncementRow[]> {
  return db.select().from(announcements).orderBy(desc(announcements.id));
}
