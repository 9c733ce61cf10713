import { date, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { snowflake, updatedAt } from './columns.ts';
import { users } from './users.ts';

/** Server-wide values created once and kept: keys, generated secrets, when texts last changed. */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** Users who used the server in a week (starting Monday, UTC): the instance activity's logins. */
export const weeklyLogins = pgTable(
  'weekly_logins',
  {
    week: date('week', { mode: 'string' }).notNull(),
    userId: snowflake('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.week, t.userId] })],
);
