// The daily prune: who used which hashtag on days the history no longer shows is forgotten (the
// days' counts stay). The job queues its own next run, one at a time by its job key.
import { pruneTagDayAccounts } from '../../store/tags/history.ts';
import type { TagsDeps } from './deps.ts';

const PRUNE_EVERY_MS = 24 * 3600_000;

export function createTagPrune(deps: TagsDeps) {
  const { db, jobs } = deps;
  return {
    run: (): Promise<number> => pruneTagDayAccounts(db),
    /** Queues the next run unless one is queued (a restart keeps its time). */
    async schedule(inMs = PRUNE_EVERY_MS): Promise<void> {
      await jobs.enqueue(db, 'tags.prune', {}, { key: 'tags.prune', keyMode: 'preserve_run_at', runAt: new Date(Date.now() + inMs) });
    },
  };
}
