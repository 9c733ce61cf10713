// The hourly clean-up: uploads never attached for a day, and media whose post was deleted, go with
// their files. The job queues its own next run (one at a time, by its job key).
import type { Db } from '../../store/db.ts';
import { abandonedMedia, deleteMediaRow } from '../../store/media/rows.ts';
import type { Jobs } from '../jobs.ts';
import { releaseFiles } from './release.ts';
import type { MediaStorage } from './storage.ts';

export const UNATTACHED_FOR_MS = 24 * 3600_000;
export const CLEANUP_EVERY_MS = 3600_000;
const BATCH = 200;

export function createMediaCleanup(deps: { db: Db; jobs: Jobs; storage: MediaStorage }) {
  const { db, jobs, storage } = deps;
  return {
    /** Removes what is abandoned now; returns how many media went. */
    async run(now = new Date()): Promise<number> {
      let removed = 0;
      for (;;) {
        const batch = await abandonedMedia(db, new Date(now.getTime() - UNATTACHED_FOR_MS), BATCH);
        const deleted = (await Promise.all(batch.map((m) => deleteMediaRow(db, m.id)))).filter((m) => m !== undefined);
        await releaseFiles(db, storage, deleted);
        removed += deleted.length;
        if (batch.length < BATCH) return removed;
      }
    },
    /** Queues the next run, unless one is queued already (a restart keeps its time, so frequent restarts do not put it off for ever). */
    async schedule(inMs = CLEANUP_EVERY_MS): Promise<void> {
      await jobs.enqueue(db, 'media.cleanup', {}, { key: 'media.cleanup', keyMode: 'preserve_run_at', runAt: new Date(Date.now() + inMs) });
    },
  };
}
