// Where media files live, behind one interface: the filesystem by default, an S3-compatible bucket
// when configured (infra/media-fs.ts, infra/media-s3.ts). Served files have content-addressed
// names; originals wait under `originals/` until processed, and are never served.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface StoredFile {
  body: Readable;
  size: number;
  /** the byte range given, when one was asked */
  range?: { start: number; end: number };
}

export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** stores the file at `file` (a path on this machine) under `key`; the caller removes what is left at `file` */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  /** a path on this machine holding the file, for tools that read files (ffmpeg), for as long as `use` runs */
  withLocalFile<T>(key: string, use: (path: string) => Promise<T>): Promise<T>;
  /** undefined when there is no such file; `range` is inclusive, as in HTTP */
  open(key: string, range?: { start: number; end?: number }): Promise<StoredFile | undefined>;
  size(key: string): Promise<number | undefined>;
  delete(keys: string[]): Promise<void>;
  /** whether Parley serves the files itself (filesystem) or the bucket / CDN does */
  readonly servedByParley: boolean;
}

/** `ab/cd/abcd…64 hex….ext`: the same bytes always get the same name, so caches may keep them for ever. */
export function contentKey(bytes: Uint8Array, ext: string): string {
  return keyOfHash(createHash('sha256').update(bytes).digest('hex'), ext);
}

/** contentKey's name for a SHA-256 (hex) computed elsewhere. */
export function keyOfHash(hash: string, ext: string): string {
  return `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.${ext}`;
}

export const CONTENT_KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{2,4}$/;

export function originalKey(mediaId: string): string {
  return `originals/${mediaId}`;
}
