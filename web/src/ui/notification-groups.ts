// Notifications folded for reading: consecutive favourites or boosts of one post, and consecutive
// follows, become one entry ("Ana and 2 others favourited your post"). Mentions stay one by one.
import type { Account, Notification } from '../api/types.ts';

const FOLDED = new Set(['favourite', 'reblog', 'follow']);

export interface NotificationGroup {
  /** the id of the newest notification in the group: unique, stable while the group grows older */
  key: string;
  type: string;
  latest: Notification;
  /** who did it, newest first, each once */
  accounts: Account[];
}

export function groupNotifications(list: Notification[]): NotificationGroup[] {
  const groups: NotificationGroup[] = [];
  const same = (a: Notification, b: Notification) => FOLDED.has(a.type) && a.type === b.type && (a.status?.id ?? null) === (b.status?.id ?? null);
  for (const n of list) {
    const last = groups[groups.length - 1];
    if (last && same(last.latest, n)) {
      if (!last.accounts.some((a) => a.id === n.account.id)) last.accounts.push(n.account);
    } else groups.push({ key: n.id, type: n.type, latest: n, accounts: [n.account] });
  }
  return groups;
}
