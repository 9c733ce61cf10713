// Reading notifications one by one (Mastodon's v1): a page of the recipient's, or one of them.
import { notificationOf, notificationRows } from '../../store/notifications/rows.ts';
import { notifications } from '../../store/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { newestFirst, pageOver, paged, type Page, type Paged } from '../pagination.ts';
import { checkedFilter, knownId, type NotificationFilter, type NotificationRow, type NotificationsDeps } from './deps.ts';

export function createNotificationReads(deps: NotificationsDeps) {
  const { db } = deps;
  return {
    /** A page of the recipient's notifications (raw rows; visibility is judged when hydrating). */
    async list(recipientId: string, filter: NotificationFilter, page: Page): Promise<Paged<NotificationRow>> {
      const checked = checkedFilter(filter);
      if (!checked) return { items: [], cursors: null };
      const p = pageOver(notifications.id, page);
      const rows = await notificationRows(db, recipientId, checked, { where: p.where, order: p.order, limit: page.limit });
      return paged(newestFirst(rows, p.reverse), (n) => n.id);
    },

    /** One of the recipient's notifications, filtered or not. */
    async get(recipientId: string, id: string): Promise<NotificationRow> {
      const row = await notificationOf(db, recipientId, knownId(id));
      if (!row) throw new NotFoundError();
      return row;
    },
  };
}
