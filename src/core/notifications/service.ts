// Notifications: written in the same transaction as what causes them, never to someone who blocks
// or mutes the sender, nor about a conversation they muted.
import { and, eq, gt, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { markers, notifications, type NotificationType } from '../../store/schema/index.ts';
import type { Executor, Jobs } from '../jobs.ts';
import { NotFoundError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';
import { newestFirst, pageOver, paged, type Page, type Paged } from '../pagination.ts';

export type { NotificationType };
export type NotificationRow = typeof notifications.$inferSelect;

export const NOTIFICATION_TYPES: NotificationType[] = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'update', 'poll', 'quote', 'quoted_update'];

export interface NewNotification {
  recipientId: string;
  fromId: string;
  type: NotificationType;
  statusId?: string | null;
}

export interface NotificationFilter {
  types?: NotificationType[] | undefined;
  excludeTypes?: NotificationType[] | undefined;
  fromAccountId?: string | undefined;
}

export function createNotifications(deps: { db: Db; ids: IdGenerator; jobs: Jobs }) {
  const { db, ids, jobs } = deps;

  return {
    /**
     * Inserts notifications inside the caller's transaction, skipping self-notifications and
     * recipients who block the sender, mute them with notifications hidden, or muted the conversation.
     */
    async notify(tx: Executor, list: NewNotification[]): Promise<void> {
      const created: { id: string; recipientId: string; fromId: string }[] = [];
      for (const n of list) {
        // A poll's end is told to its author too (from the author, as Mastodon does).
        if (n.recipientId === n.fromId && n.type !== 'poll') continue;
        const result = await tx.execute<{ id: string }>(sql`
          insert into notifications (id, account_id, from_account_id, type, status_id)
          select ${ids()}, ${n.recipientId}, ${n.fromId}, ${n.type}, ${n.statusId ?? null}
          where exists (select 1 from users u where u.account_id = ${n.recipientId})
            and not exists (select 1 from blocks b where b.account_id = ${n.recipientId} and b.target_account_id = ${n.fromId})
            and not exists (select 1 from mutes m where m.account_id = ${n.recipientId} and m.target_account_id = ${n.fromId}
                            and m.hide_notifications and (m.expires_at is null or m.expires_at > now()))
            and not exists (select 1 from conversation_mutes cm join statuses s on s.conversation_id = cm.conversation_id
                            where cm.account_id = ${n.recipientId} and s.id = ${n.statusId ?? null}::bigint)
          returning id`);
        for (const row of result.rows) created.push({ id: String(row.id), recipientId: n.recipientId, fromId: n.fromId });
      }
      // Open screens hear of it once the transaction commits (the job only exists if it does).
      if (created.length > 0) await jobs.enqueue(tx, 'notification.live', { items: created });
    },

    /** A page of the recipient's notifications (raw rows; visibility is judged when hydrating). */
    async list(recipientId: string, filter: NotificationFilter, page: Page): Promise<Paged<NotificationRow>> {
      const p = pageOver(notifications.id, page);
      const conditions: (SQL | undefined)[] = [eq(notifications.accountId, recipientId), p.where];
      if (filter.types?.length) conditions.push(inArray(notifications.type, filter.types));
      if (filter.excludeTypes?.length) conditions.push(notInArray(notifications.type, filter.excludeTypes));
      if (filter.fromAccountId) {
        // No account has an id that is not a number: nothing is from it.
        if (!isId(filter.fromAccountId)) return { items: [], cursors: null };
        conditions.push(eq(notifications.fromAccountId, filter.fromAccountId));
      }
      const rows = await db
        .select()
        .from(notifications)
        .where(and(...conditions))
        .orderBy(p.order)
        .limit(page.limit);
      return paged(newestFirst(rows, p.reverse), (n) => n.id);
    },

    async get(recipientId: string, id: string): Promise<NotificationRow> {
      if (!isId(id)) throw new NotFoundError();
      const row = await db.query.notifications.findFirst({ where: and(eq(notifications.id, id), eq(notifications.accountId, recipientId)) });
      if (!row) throw new NotFoundError();
      return row;
    },

    async dismiss(recipientId: string, id: string): Promise<void> {
      if (!isId(id)) throw new NotFoundError();
      const deleted = await db
        .delete(notifications)
        .where(and(eq(notifications.id, id), eq(notifications.accountId, recipientId)))
        .returning({ id: notifications.id });
      if (deleted.length === 0) throw new NotFoundError();
    },

    async clear(recipientId: string): Promise<void> {
      await db.delete(notifications).where(eq(notifications.accountId, recipientId));
    },

    /** Notifications newer than the notifications marker (all of them without one), up to `limit`. */
    async unreadCount(recipientId: string, limit: number): Promise<number> {
      const marker = await db.query.markers.findFirst({ where: and(eq(markers.accountId, recipientId), eq(markers.timeline, 'notifications')) });
      const rows = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.accountId, recipientId), marker ? gt(notifications.id, marker.lastReadId) : undefined))
        .limit(limit);
      return rows.length;
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
