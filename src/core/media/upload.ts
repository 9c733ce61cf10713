// Taking an upload: every limit checked before any work is spent, the bytes kept as the original,
// and the processing queued in the same commit as the row (a restart resumes it).
import sharp, { type Metadata } from 'sharp';
import type { MediaConfig } from '../../config-media.ts';
import type { Db } from '../../store/db.ts';
import { insertMedia } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import type { Account } from '../accounts/types.ts';
import { ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import { ACCEPTED, sniff, type Sniffed } from './formats.ts';
import { checkDetails, type MediaDetails } from './details.ts';
import { originalKey, type MediaStorage } from './storage.ts';

export interface Upload extends MediaDetails {
  /** the uploaded bytes, in a file on this machine (moved into storage; the caller removes what is left) */
  file: string;
  size: number;
}

const refuse = (description: string) => new ValidationError({ file: [{ error: 'ERR_INVALID', description }] });
const MiB = 1024 * 1024;

function checkSize(size: number, s: Sniffed, config: MediaConfig): void {
  const max = s.kind === 'image' ? config.imageMaxBytes : config.videoMaxBytes;
  if (size > max) throw refuse(`is too large: ${s.kind === 'image' ? 'images' : 'videos and audio'} may be at most ${Math.floor(max / MiB)} MiB`);
}

/** The header's word on size, before anything is decoded; an animated image is processed as a video (gifv). */
async function checkImage(file: string, config: MediaConfig): Promise<{ animated: boolean }> {
  let meta: Metadata;
  try {
    // Only the header is read here, so no pixel limit yet: the count is judged below.
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch {
    throw refuse('could not be read as an image');
  }
  if (meta.width * meta.height > config.maxInputPixels) throw refuse(`has too many pixels (${meta.width} × ${meta.height}; at most ${config.maxInputPixels.toLocaleString('en')} are read)`);
  return { animated: (meta.pages ?? 1) > 1 };
}

export function createUpload(deps: { db: Db; ids: IdGenerator; jobs: Jobs; storage: MediaStorage; config: MediaConfig }) {
  const { db, ids, jobs, storage, config } = deps;
  return async function upload(actor: Account, input: Upload): Promise<MediaRow> {
    if (input.size === 0) throw refuse('is empty');
    const details = checkDetails(input);
    const sniffed = await sniff({ file: input.file });
    if (!sniffed) throw refuse(`is not a supported image, video or audio file (accepted: ${Object.keys(ACCEPTED).join(', ')})`);
    checkSize(input.size, sniffed, config);
    const animated = sniffed.kind === 'image' ? (await checkImage(input.file, config)).animated : false;
    const id = ids();
    const key = originalKey(id);
    await storage.putFile(key, input.file, sniffed.mime);
    const task = sniffed.kind === 'image' && !animated ? 'media.image' : 'media.video';
    return db.transaction(async (tx) => {
      const row = await insertMedia(tx, {
        id,
        accountId: actor.id,
        type: animated ? 'gifv' : sniffed.kind,
        originalKey: key,
        contentType: sniffed.mime,
        fileSize: input.size,
        ...details,
      });
      await jobs.enqueue(tx, task, { mediaId: id }, { key: `media:${id}`, maxAttempts: 3 });
      return row;
    });
  };
}
