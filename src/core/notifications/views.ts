// Notifications as their recipient sees them: senders, and the status when the recipient may see
// it. A notification (or a group) about a status they can no longer see is left out, and so are
// senders they block or who block them, and suspended ones.
import type { AccountView, AccountViews } from '../accounts/views.ts';
import type { Relations } from '../relations/service.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import type { NotificationGroup } from './groups.ts';
import type { NotificationRow } from './deps.ts';
import type { PendingRequest } from './requests.ts';

export interface NotificationView {
  notification: NotificationRow;
  account: AccountView;
  status: StatusView | null;
}

export interface NotificationGroupView {
  group: NotificationGroup;
  /** the group's sample senders the recipient may see, newest first */
  sampleAccounts: AccountView[];
  status: StatusView | null;
}

export interface NotificationRequestView {
  request: PendingRequest;
  account: AccountView;
  /** the last filtered mention's status, when the recipient may still see it */
  lastStatus: StatusView | null;
}

export function createNotificationViews(deps: { accountViews: AccountViews; statusViews: StatusViews; relations: Relations }) {
  const { accountViews, statusViews, relations } = deps;

  /** The senders the recipient may see among these, and the statuses they may see among those. */
  async function load(recipientId: string, senderIds: string[], statusIds: (string | null)[]) {
    const senders = await accountViews.byIds(senderIds);
    const wanted = [...new Set(statusIds.filter((id): id is string => id !== null))];
    const statuses = new Map(wanted.length > 0 ? (await statusViews.hydrate(recipientId, wanted)).map((v) => [v.status.id, v]) : []);
    const context = await relations.viewerContext(recipientId, [...senders.keys()]);
    const sender = (id: string): AccountView | undefined => {
      const account = senders.get(id);
      if (!account || account.account.suspendedAt || context.blocking.has(id) || context.blockedBy.has(id)) return undefined;
      return account;
    };
    /** the status of a notification, null when it has none, undefined when the recipient may not see it */
    const statusOf = (id: string | null): StatusView | null | undefined => (id ? statuses.get(id) : null);
    return { sender, statusOf };
  }

  return {
    async hydrate(recipientId: string, rows: NotificationRow[]): Promise<NotificationView[]> {
      const { sender, statusOf } = await load(
        recipientId,
        rows.map((r) => r.fromAccountId),
        rows.map((r) => r.statusId),
      );
      return rows.flatMap((n) => {
        const account = sender(n.fromAccountId);
        const status = statusOf(n.statusId);
        return account && status !== undefined ? [{ notification: n, account, status }] : [];
      });
    },

    /** Groups keep the samples the recipient may see; a group with none, or with a hidden status, is left out. */
    async hydrateGroups(recipientId: string, groups: NotificationGroup[]): Promise<NotificationGroupView[]> {
      const { sender, statusOf } = await load(
        recipientId,
        groups.flatMap((g) => g.sampleAccountIds),
        groups.map((g) => g.statusId),
      );
      return groups.flatMap((group) => {
        const status = statusOf(group.statusId);
        const sampleAccounts = group.sampleAccountIds.flatMap((id) => sender(id) ?? []);
        return status !== undefined && sampleAccounts.length > 0 ? [{ group, sampleAccounts, status }] : [];
      });
    },

    /** These senders, in order, leaving out those the recipient may not see. */
    async senders(recipientId: string, ids: string[]): Promise<AccountView[]> {
      const { sender } = await load(recipientId, ids, []);
      return ids.flatMap((id) => sender(id) ?? []);
    },

    async hydrateRequests(recipientId: string, requests: PendingRequest[]): Promise<NotificationRequestView[]> {
      const { sender, statusOf } = await load(
        recipientId,
        requests.map((r) => r.fromAccountId),
        requests.map((r) => r.lastStatusId),
      );
      return requests.flatMap((request) => {
        const account = sender(request.fromAccountId);
        return account ? [{ request, account, lastStatus: statusOf(request.lastStatusId) ?? null }] : [];
      });
    },
  };
}

export type NotificationViews = ReturnType<typeof createNotificationViews>;
