// Cancelling a scheduled post (DELETE /api/v1/scheduled_statuses/:id): it and its job go, and its
// uploads are free again (the clean-up removes them a day after their upload if nothing takes them).
import type { Db } from '../../store/db.ts';
import { deleteScheduled } from '../../store/statuses/scheduled.ts';
import type { Account } from '../accounts/service.ts';
import { NotFoundError } from '../errors.ts';
import type { Jobs } from '../jobs.ts';
import { ownScheduled, scheduledJobKey } from './scheduled.ts';

export function createCancelScheduled(deps: { db: Db; jobs: Jobs }) {
  const { db, jobs } = deps;

  return async function cancel(owner: Account, id: string): Promise<void> {
    await ownScheduled(db, owner.id, id);
    await db.transaction(async (tx) => {
      // Made meanwhile (its job and this are one row's turn): too late to cancel.
      if (!(await deleteScheduled(tx, id))) throw new NotFoundError();
      await jobs.remove(tx, scheduledJobKey(id));
    });
  };
}
