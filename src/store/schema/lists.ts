import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';

export type RepliesPolicy = 'followed' | 'list' | 'none';

/** An account's lists of followed accounts, each with its own timeline (Mastodon's Lists). */
export const lists = pgTable(
  'lists',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    repliesPolicy: text('replies_policy').$type<RepliesPolicy>().notNull().default('list'),
    /** members' posts stay out of the home timeline */
    exclusive: boolean('exclusive').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('lists_account_idx').on(t.accountId, t.id)],
);

/** A list's members: accounts its owner follows (unfollowing removes them). */
export const listAccounts = pgTable(
  'list_accounts',
  {
    /** the cursor for paging through a list's members */
    id: snowflake('id').notNull(),
    listId: snowflake('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.listId, t.accountId] }), index('list_accounts_account_idx').on(t.accountId)],
);

export type ListRow = typeof lists.$inferSelect;
