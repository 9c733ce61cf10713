// Confirming a user: the e-mail confirmed and the sign-up approved, the account can use the API.
import type { Db } from '../../store/db.ts';
import { confirmUser } from '../../store/accounts/users.ts';
import type { Changes } from '../changes.ts';

export function createConfirm(deps: { db: Db; changes: Changes }) {
  return {
    async confirm(userId: string): Promise<void> {
      await confirmUser(deps.db, userId);
      await deps.changes.committed({ type: 'user.confirmed', userId });
    },
  };
}
