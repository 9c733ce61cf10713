// The processing job: the original through sharp or ffmpeg, the results stored under content
// addresses, the row made ready (once, however often the job runs), the original removed, and
// whoever waits for it told.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MediaConfig } from '../../config-media.ts';
import type { Bus } from '../../infra/bus.ts';
import type { Db } from '../../store/db.ts';
import { markFailed, markReady, mediaById } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import { SERVED_TYPES } from './formats.ts';
import { ImageRefused, type ImageProcesses } from './image-processes.ts';
import type { ProcessedMedia } from './process-image.ts';
import { processAudio, processVideo } from './process-video.ts';
import type { MediaStorage } from './storage.ts';
import type { MediaTools } from './tools.ts';

/** The bus channel a media's end of processing is announced on. */
export const processedChannel = (mediaId: string) => `media:processed:${mediaId}`;

/** A failure of the file itself (not of the machine): the upload is refused, not tried again. */
class BadMedia extends Error {}

async function run(row: MediaRow, file: string, dir: string, config: MediaConfig, tools: () => MediaTools, images: ImageProcesses): Promise<ProcessedMedia> {
  if (row.type === 'image') {
    try {
      return await images.process(file, config, dir);
    } catch (error) {
      // Only the image's own fault refuses it; the process ending is tried again.
      if (error instanceof ImageRefused) throw new BadMedia(error.message);
      throw error;
    }
  }
  try {
    if (row.type === 'audio') return await processAudio(tools(), file, dir, config);
    return await processVideo(tools(), file, dir, config, row.type === 'gifv');
  } catch (error) {
    throw new BadMedia(error instanceof Error ? error.message : String(error));
  }
}

export function createProcessMedia(deps: { db: Db; bus: Bus; storage: MediaStorage; config: MediaConfig; tools: () => MediaTools; images: ImageProcesses; log: (m: string) => void }) {
  const { db, bus, storage, config, tools, images, log } = deps;

  const typeOf = (ext: string) => SERVED_TYPES[ext] ?? 'application/octet-stream';

  async function store(result: ProcessedMedia) {
    await storage.putFile(result.file.key, result.file.path, typeOf(result.file.ext));
    if (result.preview) await storage.putFile(result.preview.key, result.preview.path, typeOf(result.preview.ext));
    return { fileKey: result.file.key, previewKey: result.preview?.key ?? null, contentType: typeOf(result.file.ext), fileSize: result.file.size };
  }

  return async function processMedia(mediaId: string): Promise<void> {
    const row = await mediaById(db, mediaId);
    if (row?.state !== 'processing' || !row.originalKey) return;
    const dir = await mkdtemp(path.join(tmpdir(), 'parley-media-'));
    try {
      const result = await storage.withLocalFile(row.originalKey, (file) => run(row, file, dir, config, tools, images));
      const stored = await store(result);
      await markReady(db, mediaId, { type: result.type, meta: result.meta, blurhash: result.blurhash ?? null, ...stored });
    } catch (error) {
      if (!(error instanceof BadMedia)) throw error;
      log(`media ${mediaId} refused: ${error.message}`);
      await markFailed(db, mediaId, error.message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await storage.delete([row.originalKey]);
    await bus.publish(processedChannel(mediaId), mediaId);
  };
}
