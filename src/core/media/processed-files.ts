// Processing results as files: written where the work ran (the image process, ffmpeg), named by
// their content's hash there, so the server's process moves files and never holds their bytes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keyOfHash } from './storage.ts';

export interface ProcessedFile {
  /** where the file is on this machine until it is stored */
  path: string;
  ext: string;
  size: number;
  /** its content-addressed storage key */
  key: string;
}

/** Writes bytes made in memory (sharp's output) to `dir`. */
export async function writeProcessed(dir: string, name: string, bytes: Buffer, ext: string): Promise<ProcessedFile> {
  const file = path.join(dir, `${name}.${ext}`);
  await writeFile(file, bytes);
  return { path: file, ext, size: bytes.length, key: keyOfHash(createHash('sha256').update(bytes).digest('hex'), ext) };
}

/** A file a tool wrote (ffmpeg's output), hashed as it is read. */
export async function processedFile(file: string, ext: string): Promise<ProcessedFile> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { path: file, ext, size: (await stat(file)).size, key: keyOfHash(hash.digest('hex'), ext) };
}
