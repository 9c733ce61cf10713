// What Parley accepts, judged by the file's own bytes (never its name or the declared type).
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import type { MediaType } from '../../store/schema/media.ts';

export type MediaKind = 'image' | 'video' | 'audio';

export interface Sniffed {
  mime: string;
  kind: MediaKind;
}

/** Accepted formats, by the MIME type file-type finds in the bytes; listed to clients as is. */
export const ACCEPTED: Readonly<Record<string, MediaKind>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'image/avif': 'image',
  'image/heic': 'image',
  'image/heif': 'image',
  'video/mp4': 'video',
  'video/webm': 'video',
  'video/quicktime': 'video',
  'video/x-matroska': 'video',
  'video/x-m4v': 'video',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'audio/opus': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'audio/flac': 'audio',
  'audio/x-flac': 'audio',
  'audio/aac': 'audio',
  'audio/mp4': 'audio',
  'audio/x-m4a': 'audio',
};

/** The served files' types, by the extension their content-addressed names end with. */
export const SERVED_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
};

/**
 * The kind of an upload, from its first bytes; undefined when it is none Parley accepts (HTML, SVG,
 * scripts, archives, text and unknown bytes all end here). An `ogg` holding video is still probed
 * as audio/video by ffprobe afterwards.
 */
export async function sniff(bytes: Uint8Array | { file: string }): Promise<Sniffed | undefined> {
  const found = bytes instanceof Uint8Array ? await fileTypeFromBuffer(bytes) : await fileTypeFromFile(bytes.file);
  if (!found) return undefined;
  const kind = ACCEPTED[found.mime];
  return kind ? { mime: found.mime, kind } : undefined;
}

/** The entity's `type` before processing decides (a GIF may become `gifv`, a video without picture `audio`). */
export function provisionalType(s: Sniffed): MediaType {
  return s.kind;
}
