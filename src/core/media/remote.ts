// Attachments of posts from other servers, as their Note describes them: kept by URL (shown from
// their server), with the description, blurhash, focal point and size they were sent with. Pictures
// (and the preview image a video or sound names) get a local preview made by a job (see
// remote-preview); an edit keeps the rows, and previews, of the files it still carries.
import type { DbOrTx } from '../../store/db.ts';
import { detachMedia, insertRemoteMedia, remoteMediaOfStatus, reviseRemoteMedia } from '../../store/media/remote.ts';
import type { MediaRow, MediaType } from '../../store/schema/media.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
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
  /** a still image standing for a video or sound (its `icon`), when its server gives one */
  previewUrl?: string | undefined;
}

/** At most this many are kept from one post (Mastodon keeps four; Misskey sends up to sixteen). */
const MAX_REMOTE = 16;
const BLURHASH = /^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{6,100}$/;

export function remoteMediaType(a: Pick<RemoteAttachment, 'mediaType' | 'kind'>): MediaType {
  const major = a.mediaType?.split('/')[0];
  if (major === 'image' || a.kind === 'Image') return 'image';
  if (major === 'video' || a.kind === 'Video') return 'video';
  if (major === 'audio' || a.kind === 'Audio') return 'audio';
  return 'unknown';
}

/** The picture a local preview of a remote attachment is made from: the picture itself, or the one its server gave for a video or sound. */
export function previewSource(m: Pick<MediaRow, 'type' | 'remoteUrl' | 'remotePreviewUrl'>): string | null {
  if (m.remoteUrl === null) return null;
  return m.type === 'image' ? m.remoteUrl : m.remotePreviewUrl;
}

/** A remote attachment whose local preview is still to come (a job is on it). */
export const awaitingPreview = (m: MediaRow): boolean => m.previewKey === null && m.error === null && previewSource(m) !== null;

const clampFocus = (v: number) => Math.max(-1, Math.min(1, v));

/** The columns an attachment's description sets, at its place in the post. */
function columnsOf(a: RemoteAttachment, position: number) {
  return {
    position,
    type: remoteMediaType(a),
    remoteUrl: a.url,
    remotePreviewUrl: a.previewUrl ?? null,
    contentType: a.mediaType ?? null,
    description: a.name?.trim() ? a.name.trim().slice(0, 1500) : null,
    blurhash: a.blurhash && BLURHASH.test(a.blurhash) ? a.blurhash : null,
    focusX: a.focalPoint ? clampFocus(a.focalPoint[0]) : null,
    focusY: a.focalPoint ? clampFocus(a.focalPoint[1]) : null,
    meta: a.width && a.height ? { original: sizeOf(a.width, a.height) } : {},
  };
}

/**
 * The remote status carries exactly these attachments (an Update replaces them): files it still
 * carries keep their rows and previews, new ones get a row and a preview job, the others leave it.
 */
export async function setRemoteAttachments(tx: DbOrTx, deps: { ids: IdGenerator; jobs: Jobs }, statusId: string, accountId: string, list: readonly RemoteAttachment[]): Promise<void> {
  const current = await remoteMediaOfStatus(tx, statusId);
  const kept = new Set<string>();
  const added: (ReturnType<typeof columnsOf> & { id: string })[] = [];
  for (const [position, a] of list.slice(0, MAX_REMOTE).entries()) {
    const columns = columnsOf(a, position);
    const same = current.find((m) => m.remoteUrl === a.url && !kept.has(m.id));
    if (!same) {
      added.push({ id: deps.ids(), ...columns });
      continue;
    }
    kept.add(same.id);
    // What was learnt from the file itself (a blurhash, its size) stays unless the server now says otherwise.
    await reviseRemoteMedia(tx, same.id, { ...columns, blurhash: columns.blurhash ?? same.blurhash, meta: { ...same.meta, ...columns.meta } });
  }
  await detachMedia(
    tx,
    current.filter((m) => !kept.has(m.id)).map((m) => m.id),
  );
  const attachedAt = new Date();
  await insertRemoteMedia(
    tx,
    added.map((row) => ({ ...row, accountId, statusId, state: 'ready' as const, attachedAt })),
  );
  // After the uploads waiting in the same pool: people waiting on their own upload go first.
  for (const row of added) {
    if (previewSource(row)) await deps.jobs.enqueue(tx, 'media.remote', { mediaId: row.id }, { key: `media:${row.id}`, maxAttempts: 3, priority: 10 });
  }
}
