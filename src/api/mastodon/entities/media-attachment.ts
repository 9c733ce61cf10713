// The MediaAttachment entity.
import type { MediaRow } from '../../../store/schema/media.ts';

export interface MediaAttachmentJson {
  id: string;
  type: string;
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  preview_remote_url: string | null;
  text_url: null;
  meta: Record<string, unknown>;
  description: string | null;
  blurhash: string | null;
}

/** Builds the entity; `base` is where served files are reached (PARLEY_MEDIA_BASE_URL or `<origin>/media`). */
export function serializeMediaAttachment(m: MediaRow, base: string): MediaAttachmentJson {
  const meta: Record<string, unknown> = { ...m.meta };
  if (m.focusX !== null && m.focusY !== null) meta.focus = { x: m.focusX, y: m.focusY };
  const local = (key: string | null) => (key ? `${base}/${key}` : null);
  return {
    id: m.id,
    type: m.state === 'failed' ? 'unknown' : m.type,
    url: local(m.fileKey) ?? m.remoteUrl,
    preview_url: local(m.previewKey) ?? m.remotePreviewUrl ?? local(m.fileKey),
    remote_url: m.remoteUrl,
    preview_remote_url: m.remotePreviewUrl,
    text_url: null,
    meta,
    description: m.description,
    blurhash: m.blurhash,
  };
}
