import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';

/** Every relation is one account (account_id) acting on another (target_account_id). */
export const pairRefs = () => ({
  accountId: snowflake('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  targetAccountId: snowflake('target_account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
});

const pairColumns = () => ({ id: snowflake('id').primaryKey(), ...pairRefs(), createdAt: createdAt() });

/** The columns a follow and a follow request share (a request becomes a follow when accepted). */
const followColumns = () => ({
  ...pairColumns(),
  showReblogs: boolean('show_reblogs').notNull().default(true),
  notify: boolean('notify').notNull().default(false),
  languages: text('languages').array(),
  /** the ActivityPub Follow activity's id, when one side is remote (an Accept or Undo names it) */
  uri: text('uri'),
});

/** account follows target */
export const follows = pgTable('follows', followColumns(), (t) => [
  uniqueIndex('follows_pair_key').on(t.accountId, t.targetAccountId),
  index('follows_target_idx').on(t.targetAccountId, t.id),
  // Fan-out asks, for every post, whether anyone wants to be notified of it: usually no one.
  index('follows_notify_idx').on(t.targetAccountId).where(sql`notify`),
]);

/** account asked to follow a locked target */
export const followRequests = pgTable('follow_requests', followColumns(), (t) => [
  uniqueIndex('follow_requests_pair_key').on(t.accountId, t.targetAccountId),
  index('follow_requests_target_idx').on(t.targetAccountId, t.id),
]);

export const blocks = pgTable('blocks', pairColumns(), (t) => [uniqueIndex('blocks_pair_key').on(t.accountId, t.targetAccountId), index('blocks_target_idx').on(t.targetAccountId)]);

export const mutes = pgTable(
  'mutes',
  {
    ...pairColumns(),
    hideNotifications: boolean('hide_notifications').notNull().default(true),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mutes_pair_key').on(t.accountId, t.targetAccountId)],
);

/** account features target on its profile (an endorsement; Mastodon's "pin"): only while it follows target */
export const accountPins = pgTable('account_pins', pairColumns(), (t) => [uniqueIndex('account_pins_pair_key').on(t.accountId, t.targetAccountId)]);

/** account's private note about target, seen by account alone */
export const accountNotes = pgTable(
  'account_notes',
  {
    ...pairRefs(),
    comment: text('comment').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetAccountId] })],
);

/** account hides everything from a whole server (`domain`, as accounts.domain spells it) */
export const accountDomainBlocks = pgTable(
  'account_domain_blocks',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('account_domain_blocks_pair_key').on(t.accountId, t.domain)],
);
