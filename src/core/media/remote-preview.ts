// The local preview of another server's picture (or of the still image its server gives for a
// video or sound): fetched by the job through the door's guarded fetcher (never from a private
// address, never more than PARLEY_MEDIA_REMOTE_MAX_BYTES), previewed by the same image process as
// uploads, stored, and the status's views forgotten. The original stays on its server: `url` and
// `remote_url` keep naming it. A file refused (too large, private, not a picture) leaves the
// attachment shown from its server and is not tried again; a failure of the network is, a few times.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MediaConfig } from '../../config-media.ts';
import type { Db } from '../../store/db.ts';
import { keysInUse, mediaById } from '../../store/media/rows.ts';
import { refuseRemotePreview, setRemotePreview } from '../../store/media/remote.ts';
import type { StatusChanges } from '../statuses/changes.ts';
import { sniff, SERVED_TYPES } from './formats.ts';
import { ImageRefused, type ImageProcesses } from './image-processes.ts';
import type { ImagePreview } from './process-image.ts';
import { previewSource } from './remote.ts';
import type { MediaStorage } from './storage.ts';

/** The file is not to be had (a private address, too large, gone): not worth trying again. */
export class RemoteFileRefused extends Error {}

/**
 * Fetches another server's file, at most `maxBytes` of it; throws RemoteFileRefused for what will
 * not change by trying again, anything else for a failure worth another try.
 */
export type FetchRemoteFile = (url: string, maxBytes: number) => Promise<Buffer>;

/** The picture's preview, made in the image process and stored; its key, size and blurhash. */
async function previewStored(bytes: Buffer, images: ImageProcesses, config: MediaConfig, storage: MediaStorage): Promise<ImagePreview> {
  if ((await sniff(bytes))?.kind !== 'image') throw new RemoteFileRefused('is not a picture Parley reads');
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-remote-'));
  try {
    const file = path.join(dir, 'picture');
    await writeFile(file, bytes);
    const made = await images.preview(file, config, dir).catch((error: unknown) => {
      throw error instanceof ImageRefused ? new RemoteFileRefused(error.message) : error;
    });
    await storage.putFile(made.preview.key, made.preview.path, SERVED_TYPES[made.preview.ext] ?? 'application/octet-stream');
    return made;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function createRemotePreviews(deps: {
  db: Db;
  storage: MediaStorage;
  config: MediaConfig;
  images: ImageProcesses;
  fetchFile: FetchRemoteFile;
  changes: StatusChanges;
  log: (m: string) => void;
}) {
  const { db, storage, config, images, fetchFile, changes, log } = deps;

  return async function makePreview(mediaId: string): Promise<void> {
    const row = await mediaById(db, mediaId);
    const source = row ? previewSource(row) : null;
    if (!row || !source || row.statusId === null || row.previewKey !== null) return;
    let made: ImagePreview;
    try {
      made = await previewStored(await fetchFile(source, config.remoteMaxBytes), images, config, storage);
    } catch (error) {
      if (!(error instanceof RemoteFileRefused)) throw error;
      log(`no preview of ${source} (media ${mediaId}): ${error.message}`);
      await refuseRemotePreview(db, mediaId, error.message);
      return changes.committed({ statusIds: [row.statusId] });
    }
    const previewKey = made.preview.key;
    // The picture's own size when its server said none; a video's is not its preview image's.
    const original = row.meta.original ?? (row.type === 'image' ? made.meta.original : undefined);
    const meta = { ...row.meta, ...(original ? { original } : {}), small: made.meta.small };
    const stored = await setRemotePreview(db, mediaId, { previewKey, blurhash: row.blurhash ?? made.blurhash, meta });
    // Its post went meanwhile (or an edit dropped it): the file is nobody's, unless shared.
    if (!stored && !(await keysInUse(db, [previewKey])).has(previewKey)) await storage.delete([previewKey]);
    await changes.committed({ statusIds: [row.statusId] });
  };
}
