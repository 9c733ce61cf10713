// Rows of other servers' attachments (media_attachments with a remote_url): kept per post as its
// server describes them, with the local preview Parley makes of them (see core/media/remote-preview).
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { mediaAttachments, type MediaMeta, type MediaRow } from '../schema/media.ts';

/** The remote attachments a status carries now (with position) or carried (an earlier version's). */
export async function remoteMediaOfStatus(db: DbOrTx, statusId: string): Promise<MediaRow[]> {
  return db.query.mediaAttachments.findMany({ where: and(eq(mediaAttachments.statusId, statusId), isNotNull(mediaAttachments.remoteUrl)) });
}

export async function insertRemoteMedia(db: DbOrTx, rows: (typeof mediaAttachments.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(mediaAttachments).values(rows);
}

/** What the remote server now says of an attachment it still carries (its local preview stays). */
export async function reviseRemoteMedia(db: DbOrTx, id: string, fields: Partial<typeof mediaAttachments.$inferInsert>): Promise<void> {
  await db
    .update(mediaAttachments)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(eq(mediaAttachments.id, id));
}

/** Off their status: the clean-up removes them with their files (see media/cleanup). */
export async function detachMedia(db: DbOrTx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(mediaAttachments)
    .set({ statusId: null, position: null, updatedAt: sql`now()` })
    .where(inArray(mediaAttachments.id, [...ids]));
}

/** The local preview made, if the attachment is still on its status; whether it was. */
export async function setRemotePreview(db: DbOrTx, id: string, fields: { previewKey: string; blurhash: string; meta: MediaMeta }): Promise<boolean> {
  const rows = await db
    .update(mediaAttachments)
    .set({ ...fields, error: null, updatedAt: sql`now()` })
    .where(and(eq(mediaAttachments.id, id), isNotNull(mediaAttachments.statusId), isNull(mediaAttachments.previewKey)))
    .returning({ id: mediaAttachments.id });
  return rows.length > 0;
}

/** No local preview will be made (the file was refused): the attachment is shown from its server. */
export async function refuseRemotePreview(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .update(mediaAttachments)
    .set({ error: error.slice(0, 500), updatedAt: sql`now()` })
    .where(eq(mediaAttachments.id, id));
}
