// A status's attachment as the Document Mastodon sends (its `mediaType` says image, video or audio):
// the URL, the alt text as `name`, and the size.
import { Document } from '@fedify/vocab';
import type { MediaRow } from '../../store/schema/media.ts';

export function attachmentOf(m: MediaRow, mediaBase: string): Document | null {
  const url = m.fileKey ? `${mediaBase}/${m.fileKey}` : m.remoteUrl;
  if (!url) return null;
  const original = m.meta.original;
  return new Document({
    mediaType: m.contentType,
    url: new URL(url),
    name: m.description,
    width: original?.width ?? null,
    height: original?.height ?? null,
  });
}
