// Suspending an account (and lifting it): its tokens stop working, its profile and posts are hidden.
import type { Db } from '../../store/db.ts';
import { updateAccount } from '../../store/accounts/accounts.ts';
import type { Changes } from '../changes.ts';

export function createSuspend(deps: { db: Db; changes: Changes }) {
  return {
    async setSuspended(accountId: string, suspended: boolean): Promise<void> {
      await updateAccount(deps.db, accountId, { suspendedAt: suspended ? new Date() : null, updatedAt: new Date() });
      await deps.changes.committed({ type: 'account.suspended', accountId, suspended });
    },
  };
}
