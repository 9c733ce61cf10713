// Notifications as their recipient sees them: sender, and the status when the recipient may see it.
import type { AccountView, AccountViews } from '../accounts/views.ts';
import type { Relations } from '../relations/service.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import type { NotificationRow } from './service.ts';

export interface NotificationView {
  notification: NotificationRow;
  account: AccountView;
  status: StatusView | null;
}

export function createNotificationViews(deps: { accountViews: AccountViews; statusViews: StatusViews; relations: Relations }) {
  const { accountViews, statusViews, relations } = deps;
  return {
    /** Drops notifications about statuses the recipient can no longer see, or from senders they block or mute. */
    async hydrate(recipientId: string, rows: NotificationRow[]): Promise<NotificationView[]> {
      const senders = await accountViews.byIds(rows.map((r) => r.fromAccountId));
      const statusIds = rows.flatMap((r) => (r.statusId ? [r.statusId] : []));
      const statuses = new Map((await statusViews.hydrate(recipientId, statusIds)).map((v) => [v.status.id, v]));
      const context = await relations.viewerContext(recipientId, [...senders.keys()]);
      return rows.flatMap((n) => {
        const account = senders.get(n.fromAccountId);
        if (!account || account.account.suspendedAt) return [];
        if (context.blocking.has(n.fromAccountId) || context.blockedBy.has(n.fromAccountId)) return [];
        const status = n.statusId ? (statuses.get(n.statusId) ?? null) : null;
        if (n.statusId && !status) return [];
        return [{ notification: n, account, status }];
      });
    },
  };
}

export type NotificationViews = ReturnType<typeof createNotificationViews>;
