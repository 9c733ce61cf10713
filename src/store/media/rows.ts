// Media attachments' rows (media_attachments).
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { mediaAttachments, type MediaMeta, type MediaRow, type MediaType } from '../schema/media.ts';

export async function insertMedia(db: DbOrTx, row: typeof mediaAttachments.$inferInsert): Promise<MediaRow> {
  const [inserted] = await db.insert(mediaAttachments).values(row).returning();
  return inserted!;
}

export async function mediaById(db: DbOrTx, id: string): Promise<MediaRow | undefined> {
  return db.query.mediaAttachments.findFirst({ where: eq(mediaAttachments.id, id) });
}

export interface ProcessedFields {
  type: MediaType;
  fileKey: string;
  previewKey: string | null;
  contentType: string;
  fileSize: number;
  meta: MediaMeta;
  blurhash: string | null;
}

/** Ready, once: a second run of the same job (after a crash) changes nothing. Returns whether this run did it. */
export async function markReady(db: DbOrTx, id: string, fields: ProcessedFields): Promise<boolean> {
  const rows = await db
    .update(mediaAttachments)
    .set({ ...fields, state: 'ready', originalKey: null, updatedAt: sql`now()` })
    .where(and(eq(mediaAttachments.id, id), eq(mediaAttachments.state, 'processing')))
    .returning({ id: mediaAttachments.id });
  return rows.length > 0;
}

export async function markFailed(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .update(mediaAttachments)
    .set({ state: 'failed', error, updatedAt: sql`now()` })
    .where(and(eq(mediaAttachments.id, id), eq(mediaAttachments.state, 'processing')));
}

export async function updateMediaDetails(db: DbOrTx, id: string, fields: { description?: string | null; focusX?: number; focusY?: number }): Promise<void> {
  await db
    .update(mediaAttachments)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(eq(mediaAttachments.id, id));
}

/** The account's media among `ids`, in the order asked (missing or foreign ids are left out). */
export async function ownMedia(db: DbOrTx, accountId: string, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.query.mediaAttachments.findMany({ where: and(eq(mediaAttachments.accountId, accountId), inArray(mediaAttachments.id, ids)) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The current attachments of these statuses, each status's in order. */
export async function mediaOfStatuses(db: DbOrTx, statusIds: readonly string[]): Promise<MediaRow[]> {
  if (statusIds.length === 0) return [];
  return db.query.mediaAttachments.findMany({
    where: and(inArray(mediaAttachments.statusId, [...statusIds]), isNotNull(mediaAttachments.position)),
    orderBy: [asc(mediaAttachments.statusId), asc(mediaAttachments.position)],
  });
}

export async function mediaByIds(db: DbOrTx, ids: readonly string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db.query.mediaAttachments.findMany({ where: inArray(mediaAttachments.id, [...ids]) });
}

/**
 * The status's attachments become exactly `ids`, in that order; the ones left out keep their
 * status (earlier versions show them) but lose their position.
 */
export async function attachMedia(tx: DbOrTx, statusId: string, ids: readonly string[]): Promise<void> {
  await tx.execute(sql`update media_attachments set position = null where status_id = ${statusId} and position is not null`);
  if (ids.length === 0) return;
  await tx.execute(sql`
    update media_attachments m set status_id = ${statusId}, position = c.ord - 1, attached_at = coalesce(m.attached_at, now())
      from unnest(${`{${ids.join(',')}}`}::bigint[]) with ordinality as c(id, ord)
     where m.id = c.id`);
}

export async function deleteMediaRow(db: DbOrTx, id: string): Promise<MediaRow | undefined> {
  const [row] = await db.delete(mediaAttachments).where(eq(mediaAttachments.id, id)).returning();
  return row;
}

/**
 * Media nobody needs any more: uploads never attached, made before `unattachedBefore`, and media
 * whose status was deleted (the foreign key left them without one; until the next clean-up they
 * can still be posted again, as "delete and redraft" does). Uploads a scheduled post reserved wait
 * for it, however long.
 */
export async function abandonedMedia(db: DbOrTx, unattachedBefore: Date, limit: number): Promise<MediaRow[]> {
  return db.query.mediaAttachments.findMany({
    where: and(isNull(mediaAttachments.statusId), isNull(mediaAttachments.scheduledStatusId), or(isNotNull(mediaAttachments.attachedAt), lt(mediaAttachments.createdAt, unattachedBefore))),
    limit,
  });
}

/** Of these file keys, the ones some media row still uses (the same bytes uploaded twice share a file). */
export async function keysInUse(db: DbOrTx, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const list = [...keys];
  const rows = await db
    .select({ fileKey: mediaAttachments.fileKey, previewKey: mediaAttachments.previewKey })
    .from(mediaAttachments)
    .where(or(inArray(mediaAttachments.fileKey, list), inArray(mediaAttachments.previewKey, list)));
  return new Set(rows.flatMap((r) => [r.fileKey, r.previewKey].filter((k): k is string => k !== null && keys.includes(k))));
}
