// Moving a scheduled post to another time (PUT /api/v1/scheduled_statuses/:id): the same rules as
// scheduling it (more than five minutes ahead, room on that day), and its job moved with it.
import type { Db } from '../../store/db.ts';
import { lockScheduling, updateScheduledAt } from '../../store/statuses/scheduled.ts';
import type { Account } from '../accounts/service.ts';
import type { Jobs } from '../jobs.ts';
import { checkScheduledAt, checkScheduleLimits, enqueuePublishing, ownScheduled, withMedia, type ScheduledStatus } from './scheduled.ts';

export function createRescheduleStatus(deps: { db: Db; jobs: Jobs }) {
  const { db, jobs } = deps;

  /** Without a time, the post stays as it is (as Mastodon, which changes only what is given). */
  return async function reschedule(owner: Account, id: string, at: Date | undefined): Promise<ScheduledStatus> {
    const current = await ownScheduled(db, owner.id, id);
    if (!at) return (await withMedia(db, [current]))[0]!;
    checkScheduledAt(at);
    const row = await db.transaction(async (tx) => {
      await lockScheduling(tx, owner.id);
      // Made or cancelled since it was read: as if it had been before.
      await ownScheduled(tx, owner.id, id);
      await checkScheduleLimits(tx, owner.id, at, id);
      const moved = await updateScheduledAt(tx, id, at);
      await enqueuePublishing(tx, jobs, moved);
      return moved;
    });
    return (await withMedia(db, [row]))[0]!;
  };
}
