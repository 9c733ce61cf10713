// Home feeds behind one interface: lists of status ids per account, newest first.
// PostgreSQL now (the home_feeds table); the scale work adds a Redis sorted-set implementation.
import { sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';

export interface FeedPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

export interface FeedStore {
  /** Adds one status to many feeds (fan-out). */
  push(accountIds: readonly string[], statusId: string): Promise<void>;
  /** Adds many statuses to one feed (a new follow merges the followed account's recent posts). */
  merge(accountId: string, statusIds: readonly string[]): Promise<void>;
  /** Removes from one feed every status by an author, or reblogged from them (unfollow, block). */
  removeAuthor(accountId: string, authorId: string): Promise<void>;
  /** Status ids, newest first (for minId: the ones just above minId, still newest first). */
  page(accountId: string, page: FeedPage): Promise<string[]>;
}

export function createPgFeedStore(db: Db): FeedStore {
  return {
    async push(accountIds, statusId) {
      if (accountIds.length === 0) return;
      await db.execute(sql`
        insert into home_feeds (account_id, status_id)
        select unnest(${`{${accountIds.join(',')}}`}::bigint[]), ${statusId}::bigint
        on conflict do nothing`);
    },

    async merge(accountId, statusIds) {
      if (statusIds.length === 0) return;
      await db.execute(sql`
        insert into home_feeds (account_id, status_id)
        select ${accountId}::bigint, unnest(${`{${statusIds.join(',')}}`}::bigint[])
        on conflict do nothing`);
    },

    async removeAuthor(accountId, authorId) {
      await db.execute(sql`
        delete from home_feeds h using statuses s
        left join statuses o on o.id = s.reblog_of_id
        where h.account_id = ${accountId} and h.status_id = s.id
          and (s.account_id = ${authorId} or o.account_id = ${authorId})`);
    },

    async page(accountId, p) {
      const conditions = [sql`account_id = ${accountId}`];
      if (p.maxId) conditions.push(sql`status_id < ${p.maxId}`);
      if (p.sinceId) conditions.push(sql`status_id > ${p.sinceId}`);
      if (p.minId) conditions.push(sql`status_id > ${p.minId}`);
      const where = sql.join(conditions, sql` and `);
      const order = p.minId ? sql`status_id asc` : sql`status_id desc`;
      const result = await db.execute<{ status_id: string }>(sql`select status_id from home_feeds where ${where} order by ${order} limit ${p.limit}`);
      const ids = result.rows.map((r) => r.status_id);
      return p.minId ? ids.reverse() : ids;
    },
  };
}
