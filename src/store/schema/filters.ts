import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';
import { statuses } from './statuses.ts';

export type FilterContext = 'home' | 'notifications' | 'public' | 'thread' | 'account';
export type FilterAction = 'warn' | 'hide' | 'blur';

/** A user's filter: statuses matching its keywords or listed statuses are hidden or shown behind a warning. */
export const filters = pgTable(
  'filters',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    contexts: text('contexts').array().$type<FilterContext[]>().notNull(),
    action: text('action').$type<FilterAction>().notNull().default('warn'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('filters_account_idx').on(t.accountId)],
);

export const filterKeywords = pgTable(
  'filter_keywords',
  {
    id: snowflake('id').primaryKey(),
    filterId: snowflake('filter_id')
      .notNull()
      .references(() => filters.id, { onDelete: 'cascade' }),
    keyword: text('keyword').notNull(),
    wholeWord: boolean('whole_word').notNull().default(true),
  },
  (t) => [index('filter_keywords_filter_idx').on(t.filterId)],
);

export const filterStatuses = pgTable(
  'filter_statuses',
  {
    id: snowflake('id').primaryKey(),
    filterId: snowflake('filter_id')
      .notNull()
      .references(() => filters.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('filter_statuses_pair_key').on(t.filterId, t.statusId)],
);
