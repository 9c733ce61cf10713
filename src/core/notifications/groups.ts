// Reading notifications in groups (Mastodon's v2): a page of groups, one group, and the senders of
// a group. Which notifications share a group was decided when they were written (group-key).
import { groupedRows, groupFacts, groupSenders, newestOfGroup, type GroupedRow, type GroupFacts } from '../../store/notifications/groups.ts';
import { notificationOf } from '../../store/notifications/rows.ts';
import { NotFoundError } from '../errors.ts';
import { paged, type Page, type Paged } from '../pagination.ts';
import { checkedFilter, type NotificationFilter, type NotificationRow, type NotificationsDeps, type NotificationType } from './deps.ts';
import { GROUPABLE_TYPES, readGroupKey, ungroupedKey } from './group-key.ts';

/** Senders shown with a group (Mastodon's sample size). */
const SAMPLE_ACCOUNTS = 8;

export interface NotificationGroup {
  key: string;
  type: NotificationType;
  statusId: string | null;
  count: number;
  mostRecentId: string;
  /** senders of its newest notifications, newest first */
  sampleAccountIds: string[];
  /** what of the group a page holds; null when the group is read on its own */
  page: { minId: string; maxId: string; latestAt: Date } | null;
  /** the notification standing for the group: its newest on the page */
  representative: NotificationRow;
}

export interface GroupsQuery {
  filter: NotificationFilter;
  /** the types the client shows grouped (all groupable ones when not given) */
  groupedTypes?: NotificationType[] | undefined;
}

function groupOf(r: GroupedRow, facts: GroupFacts | undefined, onPage: boolean): NotificationGroup {
  const { row } = r;
  const base = { key: r.key, type: row.type, statusId: row.statusId, representative: row };
  if (!facts) {
    const page = onPage ? { minId: row.id, maxId: row.id, latestAt: row.createdAt } : null;
    return { ...base, count: 1, mostRecentId: row.id, sampleAccountIds: [row.fromAccountId], page };
  }
  const page = onPage ? { minId: facts.pageMinId ?? row.id, maxId: facts.pageMaxId ?? row.id, latestAt: facts.pageMaxAt ?? row.createdAt } : null;
  return { ...base, count: facts.count, mostRecentId: facts.mostRecentId, sampleAccountIds: facts.sampleAccountIds, page };
}

const isStored = (r: GroupedRow): boolean => r.key !== ungroupedKey(r.row.id);

export function createGroupReads(deps: NotificationsDeps) {
  const { db } = deps;

  /** The groups of a page in SQL, without their facts (unread counts need no more). */
  async function rowsOf(recipientId: string, query: GroupsQuery, page: Page): Promise<GroupedRow[]> {
    const filter = checkedFilter(query.filter);
    if (!filter) return [];
    const grouped = (query.groupedTypes ?? GROUPABLE_TYPES).filter((t) => GROUPABLE_TYPES.includes(t));
    return groupedRows(db, recipientId, filter, grouped, page);
  }

  return {
    rowsOf,

    /** A page of groups, newest first; its cursors are the ids of the notifications standing for them. */
    async groups(recipientId: string, query: GroupsQuery, page: Page): Promise<Paged<NotificationGroup>> {
      const rows = await rowsOf(recipientId, query, page);
      if (rows.length === 0) return { items: [], cursors: null };
      const range = { top: rows[0]!.row.id, bottom: rows[rows.length - 1]!.row.id };
      const facts = await groupFacts(
        db,
        recipientId,
        rows.filter(isStored).map((r) => r.key),
        SAMPLE_ACCOUNTS,
        range,
      );
      return paged(
        rows.map((r) => groupOf(r, facts.get(r.key), true)),
        (g) => g.representative.id,
      );
    },

    /** One group of the recipient by its key, whole. */
    async group(recipientId: string, key: string): Promise<NotificationGroup> {
      const which = readGroupKey(key);
      if (!which) throw new NotFoundError();
      if ('notificationId' in which) {
        const row = await notificationOf(db, recipientId, which.notificationId);
        if (!row) throw new NotFoundError();
        return groupOf({ key: ungroupedKey(row.id), row }, undefined, false);
      }
      const row = await newestOfGroup(db, recipientId, which.groupKey);
      if (!row) throw new NotFoundError();
      const facts = await groupFacts(db, recipientId, [which.groupKey], SAMPLE_ACCOUNTS);
      return groupOf({ key: which.groupKey, row }, facts.get(which.groupKey), false);
    },

    /** The senders of a group's notifications, newest first, paged over those notifications. */
    async groupAccounts(recipientId: string, key: string, page: Page): Promise<Paged<{ id: string; accountId: string }>> {
      const which = readGroupKey(key);
      if (!which) return { items: [], cursors: null };
      if ('notificationId' in which) {
        const row = await notificationOf(db, recipientId, which.notificationId);
        const items = row && !page.maxId && !page.sinceId && !page.minId ? [{ id: row.id, accountId: row.fromAccountId }] : [];
        return paged(items, (s) => s.id);
      }
      return paged(await groupSenders(db, recipientId, which.groupKey, page), (s) => s.id);
    },
  };
}
