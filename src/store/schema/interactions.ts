import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';
import { statuses } from './statuses.ts';

const accountRef = () =>
  snowflake('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' });
const statusRef = () =>
  snowflake('status_id')
    .notNull()
    .references(() => statuses.id, { onDelete: 'cascade' });

export const favourites = pgTable('favourites', { id: snowflake('id').primaryKey(), accountId: accountRef(), statusId: statusRef(), createdAt: createdAt() }, (t) => [
  uniqueIndex('favourites_pair_key').on(t.accountId, t.statusId),
  index('favourites_status_idx').on(t.statusId, t.id),
  index('favourites_account_idx').on(t.accountId, t.id),
]);

export const bookmarks = pgTable('bookmarks', { id: snowflake('id').primaryKey(), accountId: accountRef(), statusId: statusRef(), createdAt: createdAt() }, (t) => [
  uniqueIndex('bookmarks_pair_key').on(t.accountId, t.statusId),
  index('bookmarks_account_idx').on(t.accountId, t.id),
]);

export const statusPins = pgTable('status_pins', { id: snowflake('id').primaryKey(), accountId: accountRef(), statusId: statusRef(), createdAt: createdAt() }, (t) => [
  uniqueIndex('status_pins_pair_key').on(t.accountId, t.statusId),
]);

/** Notifications about replies in a muted conversation are not sent. */
export const conversationMutes = pgTable('conversation_mutes', { accountId: accountRef(), conversationId: snowflake('conversation_id').notNull() }, (t) => [
  primaryKey({ columns: [t.accountId, t.conversationId] }),
]);

export type NotificationType = 'mention' | 'status' | 'reblog' | 'follow' | 'follow_request' | 'favourite' | 'update' | 'poll';

export const notifications = pgTable(
  'notifications',
  {
    id: snowflake('id').primaryKey(),
    accountId: accountRef(),
    fromAccountId: snowflake('from_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    type: text('type').$type<NotificationType>().notNull(),
    statusId: snowflake('status_id').references(() => statuses.id, { onDelete: 'cascade' }),
    /**
     * Notifications of one group share it (favourites or reblogs of one status, follows, within
     * hours of each other: core/notifications/group-key); null for the others and filtered ones.
     */
    groupKey: text('group_key'),
    /** held back by the recipient's notification policy: shown only when asked for, or once accepted */
    filtered: boolean('filtered').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_account_idx').on(t.accountId, t.id),
    index('notifications_group_idx').on(t.accountId, t.groupKey, t.id).where(sql`${t.groupKey} is not null`),
    index('notifications_filtered_idx').on(t.accountId, t.fromAccountId).where(sql`${t.filtered}`),
  ],
);

/** Home feeds: the statuses pushed to each account's home timeline by fan-out. */
// A feed is an index of statuses, rebuilt when missing, not a record: no foreign keys. Checking
// both for each row doubled the cost of fan-out, and deleting a status cascaded into a scan of
// every feed. Removal jobs delete a status's rows (see core/timelines/fanout); reads skip ids whose
// status is gone.
export const homeFeeds = pgTable('home_feeds', { accountId: snowflake('account_id').notNull(), statusId: snowflake('status_id').notNull() }, (t) => [
  primaryKey({ columns: [t.accountId, t.statusId] }),
]);

export const markers = pgTable(
  'markers',
  {
    accountId: accountRef(),
    timeline: text('timeline').$type<'home' | 'notifications'>().notNull(),
    lastReadId: snowflake('last_read_id').notNull(),
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.timeline] })],
);

/** Counts shown on profiles, kept in step with the rows they count (same transaction). */
export const accountStats = pgTable('account_stats', {
  accountId: snowflake('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  statusesCount: integer('statuses_count').notNull().default(0),
  followersCount: integer('followers_count').notNull().default(0),
  followingCount: integer('following_count').notNull().default(0),
  lastStatusAt: timestamp('last_status_at', { withTimezone: true }),
  /**
   * Once an account has had more followers than the pull threshold, its posts are pulled by its
   * followers at read time instead of pushed; sticky, so no post falls between the two ways.
   */
  pulled: boolean('pulled').notNull().default(false),
  /** followers on other servers: a post concerns federation only when this is above zero */
  remoteFollowersCount: integer('remote_followers_count').notNull().default(0),
  /**
   * Raised by every update (a trigger): of two copies of the counts, the higher revision is the
   * newer, so processes told new counts out of order keep the newest (accounts/views).
   */
  revision: bigint('revision', { mode: 'number' }).notNull().default(0),
});
