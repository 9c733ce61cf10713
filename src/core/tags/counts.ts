// What a new, deleted or edited status changes in hashtags' numbers: the daily use (history) and
// the featured tags' counts. Fan-out counts new statuses once, in its batch's claim; a status
// deleted or edited leaves what it was counted on, if fan-out counted it already.
import type { DbOrTx } from '../../store/db.ts';
import { addToFeatured, removeFromFeatured } from '../../store/tags/featured.ts';
import { countTagDays } from '../../store/tags/history.ts';
import type { Jobs } from '../jobs.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';

/** New statuses, in fan-out's count (exactly once). */
export async function countTagUses(tx: Pick<DbOrTx, 'execute'>, statusIds: readonly string[]): Promise<void> {
  await countTagDays(tx, statusIds);
  await addToFeatured(tx, statusIds);
}

/** Statuses about to be deleted, counted by fan-out already (see statuses/remove uncount). */
export const uncountTagUses = (tx: DbOrTx, statusIds: readonly string[]): Promise<void> => removeFromFeatured(tx, statusIds);

/**
 * An edit may change the tags a status carries (`retag` writes the new ones): the featured tags
 * move with it. A status still waiting for fan-out is counted there, with its new tags.
 */
export async function retagged(tx: DbOrTx, jobs: Jobs, statusId: string, retag: () => Promise<void>): Promise<void> {
  const counted = !(await jobs.batches.waiting(tx, FANOUT_QUEUE, statusId));
  if (counted) await removeFromFeatured(tx, [statusId]);
  await retag();
  if (counted) await addToFeatured(tx, [statusId]);
}
