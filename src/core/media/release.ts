// Files of deleted media leave the storage, unless another media shares the same bytes.
import type { Db } from '../../store/db.ts';
import { keysInUse } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import type { MediaStorage } from './storage.ts';

export async function releaseFiles(db: Db, storage: MediaStorage, deleted: MediaRow[]): Promise<void> {
  const keys = [...new Set(deleted.flatMap((m) => [m.fileKey, m.previewKey, m.originalKey]).filter((k): k is string => k !== null))];
  const used = await keysInUse(db, keys);
  await storage.delete(keys.filter((k) => !used.has(k)));
}
