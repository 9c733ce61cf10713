import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';
import { statuses } from './statuses.ts';

/** Where a quote stands (Mastodon's Quote states that are stored; the others are the viewer's). */
export type QuoteState = 'pending' | 'accepted' | 'rejected' | 'revoked';

/**
 * Quote posts (FEP-044f): the quoting status, the status it quotes and whether its author agreed.
 * A status quotes at most one other.
 */
export const quotes = pgTable(
  'quotes',
  {
    id: snowflake('id').primaryKey(),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** null once the quoted status is deleted (the quote then shows as deleted) */
    quotedStatusId: snowflake('quoted_status_id').references(() => statuses.id, { onDelete: 'set null' }),
    quotedAccountId: snowflake('quoted_account_id').references(() => accounts.id, { onDelete: 'set null' }),
    state: text('state').$type<QuoteState>().notNull(),
    /** the QuoteRequest's id (ours for local quotes, the remote one's when received) */
    activityUri: text('activity_uri'),
    /** the QuoteAuthorization's id, once accepted */
    approvalUri: text('approval_uri'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('quotes_status_key').on(t.statusId), index('quotes_quoted_idx').on(t.quotedStatusId, t.id), uniqueIndex('quotes_approval_key').on(t.approvalUri)],
);

export type QuoteRow = typeof quotes.$inferSelect;
