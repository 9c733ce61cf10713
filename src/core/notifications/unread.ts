// Unread counts: notifications (v1) or groups (v2) newer than the notifications marker, capped.
import { countNewer } from '../../store/notifications/rows.ts';
import { checkedFilter, type NotificationFilter, type NotificationsDeps } from './deps.ts';
import type { GroupsQuery, createGroupReads } from './groups.ts';

export function createUnreadCounts(deps: NotificationsDeps, groups: Pick<ReturnType<typeof createGroupReads>, 'rowsOf'>) {
  const { db, markers } = deps;
  const markerOf = async (recipientId: string): Promise<string | undefined> => (await markers.get(recipientId, ['notifications']))[0]?.lastReadId;
  return {
    async unreadCount(recipientId: string, filter: NotificationFilter, limit: number): Promise<number> {
      const checked = checkedFilter(filter);
      return checked ? countNewer(db, recipientId, checked, await markerOf(recipientId), limit) : 0;
    },

    /** Groups with a notification above the marker: walked upwards from it, as a page would be. */
    async unreadGroupCount(recipientId: string, query: GroupsQuery, limit: number): Promise<number> {
      const marker = await markerOf(recipientId);
      return (await groups.rowsOf(recipientId, query, { minId: marker, limit })).length;
    },
  };
}
