// Dismissing notifications: one, a group, or all of them (with the requests they held).
import { deleteAllNotifications, deleteNotifications } from '../../store/notifications/rows.ts';
import { deleteAllRequests } from '../../store/notifications/requests.ts';
import { NotFoundError } from '../errors.ts';
import { knownId, type NotificationsDeps } from './deps.ts';
import { readGroupKey } from './group-key.ts';

export function createDismissals(deps: NotificationsDeps) {
  const { db } = deps;
  return {
    async dismiss(recipientId: string, id: string): Promise<void> {
      if ((await deleteNotifications(db, recipientId, { id: knownId(id) })) === 0) throw new NotFoundError();
    },

    /** Every notification of the group goes; a key naming nothing is no error, as in Mastodon. */
    async dismissGroup(recipientId: string, key: string): Promise<void> {
      const which = readGroupKey(key);
      if (!which) return;
      await deleteNotifications(db, recipientId, 'notificationId' in which ? { id: which.notificationId } : which);
    },

    async clear(recipientId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await deleteAllNotifications(tx, recipientId);
        await deleteAllRequests(tx, recipientId);
      });
    },
  };
}
