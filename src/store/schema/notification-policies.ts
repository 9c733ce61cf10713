import { index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake, updatedAt } from './columns.ts';
import { statuses } from './statuses.ts';

/** What a notification policy does with notifications from a kind of sender (Mastodon's three). */
export type NotificationPolicyAction = 'accept' | 'filter' | 'drop';

const accountRef = (name: string) =>
  snowflake(name)
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' });
const action = (name: string) => text(name).$type<NotificationPolicyAction>().notNull().default('accept');

/** A user's notification policy; without a row, core/notifications/policy-rule's defaults apply. */
export const notificationPolicies = pgTable('notification_policies', {
  accountId: snowflake('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  forNotFollowing: action('for_not_following'),
  forNotFollowers: action('for_not_followers'),
  forNewAccounts: action('for_new_accounts'),
  forPrivateMentions: action('for_private_mentions'),
  forLimitedAccounts: action('for_limited_accounts'),
  updatedAt: updatedAt(),
});

export type NotificationPolicyRow = typeof notificationPolicies.$inferSelect;

/**
 * One sender's filtered mentions, waiting for the recipient to accept or dismiss them. Its count
 * is read from the filtered notifications themselves, so it never drifts.
 */
export const notificationRequests = pgTable(
  'notification_requests',
  {
    id: snowflake('id').primaryKey(),
    accountId: accountRef('account_id'),
    fromAccountId: accountRef('from_account_id'),
    lastStatusId: snowflake('last_status_id').references(() => statuses.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('notification_requests_pair_key').on(t.accountId, t.fromAccountId), index('notification_requests_account_idx').on(t.accountId, t.id)],
);

export type NotificationRequestRow = typeof notificationRequests.$inferSelect;

/** Senders whose request was accepted: their notifications pass the policy from then on. */
export const notificationPermissions = pgTable('notification_permissions', { accountId: accountRef('account_id'), fromAccountId: accountRef('from_account_id'), createdAt: createdAt() }, (t) => [
  primaryKey({ columns: [t.accountId, t.fromAccountId] }),
]);
