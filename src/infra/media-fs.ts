// Media files on the local filesystem (under PARLEY_DATA_DIR/media), served by Parley itself.
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaStorage } from '../core/media/storage.ts';

export function createFsMediaStorage(dir: string): MediaStorage {
  const file = (key: string) => {
    const full = path.resolve(dir, key);
    if (!full.startsWith(path.resolve(dir) + path.sep)) throw new Error(`media key outside the media folder: ${key}`);
    return full;
  };
  const size = async (key: string) => {
    try {
      const s = await stat(file(key));
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    servedByParley: true,
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file, a crash leaves no torn one.
      const temp = `${target}.${process.pid}.${Date.now()}.part`;
      await writeFile(temp, bytes);
      await rename(temp, target);
    },
    async putFile(key, source) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(source, target);
      } catch (error) {
        // Another filesystem (the uploads folder mounted apart): copied aside, then renamed.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        const temp = `${target}.${process.pid}.${Date.now()}.part`;
        await copyFile(source, temp);
        await rename(temp, target);
      }
    },
    async withLocalFile(key, use) {
      return use(file(key));
    },
    async open(key, range) {
      const total = await size(key);
      if (total === undefined) return undefined;
      if (!range) return { body: createReadStream(file(key)), size: total };
      const end = Math.min(range.end ?? total - 1, total - 1);
      return { body: createReadStream(file(key), { start: range.start, end }), size: total, range: { start: range.start, end } };
    },
    size,
    async delete(keys) {
      await Promise.all(keys.map((k) => rm(file(k), { force: true })));
    },
  };
}
