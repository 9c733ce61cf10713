import { pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';

/** account dismissed target from its follow suggestions: never suggested to it again */
export const suggestionDismissals = pgTable(
  'suggestion_dismissals',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    targetAccountId: snowflake('target_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetAccountId] })],
);
