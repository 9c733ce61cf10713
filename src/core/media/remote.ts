// Attachments of posts from other servers, as their Note describes them: kept by URL (shown from
// their server), with the description, blurhash, focal point and size they were sent with.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../store/db.ts';
import { mediaAttachments, type MediaType } from '../../store/schema/media.ts';
import type { IdGenerator } from '../ids.ts';
import { sizeOf } from './process-image.ts';

export interface RemoteAttachment {
  url: string;
  mediaType: string | undefined;
  /** the alt text */
  name: string | undefined;
  blurhash: string | undefined;
  focalPoint: [number, number] | undefined;
  width: number | undefined;
  height: number | undefined;
  /** ActivityStreams type: Image, Video, Audio, Document */
  kind: string | undefined;
}

/** At most this many are kept from one post (Mastodon keeps four; Misskey sends up to sixteen). */
const MAX_REMOTE = 16;

export function remoteMediaType(a: Pick<RemoteAttachment, 'mediaType' | 'kind'>): MediaType {
  const major = a.mediaType?.split('/')[0];
  if (major === 'image' || a.kind === 'Image') return 'image';
  if (major === 'video' || a.kind === 'Video') return 'video';
  if (major === 'audio' || a.kind === 'Audio') return 'audio';
  return 'unknown';
}

const clampFocus = (v: number) => Math.max(-1, Math.min(1, v));

/** The remote status carries exactly these attachments (an Update replaces them). */
export async function setRemoteAttachments(tx: DbOrTx, ids: IdGenerator, statusId: string, accountId: string, list: readonly RemoteAttachment[]): Promise<void> {
  await tx.delete(mediaAttachments).where(and(eq(mediaAttachments.statusId, statusId), isNotNull(mediaAttachments.remoteUrl)));
  const rows = list.slice(0, MAX_REMOTE).map((a, position) => ({
    id: ids(),
    accountId,
    statusId,
    position,
    type: remoteMediaType(a),
    state: 'ready' as const,
    remoteUrl: a.url,
    contentType: a.mediaType ?? null,
    description: a.name?.trim() ? a.name.trim().slice(0, 1500) : null,
    blurhash: a.blurhash && /^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{6,100}$/.test(a.blurhash) ? a.blurhash : null,
    focusX: a.focalPoint ? clampFocus(a.focalPoint[0]) : null,
    focusY: a.focalPoint ? clampFocus(a.focalPoint[1]) : null,
    meta: a.width && a.height ? { original: sizeOf(a.width, a.height) } : {},
    attachedAt: new Date(),
  }));
  if (rows.length > 0) await tx.insert(mediaAttachments).values(rows);
}
