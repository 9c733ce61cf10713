import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';

/**
 * An account's year on the server ("Wrapstodon"), computed once by a job (core/annual-reports) and
 * kept: later posts, deletions and edits do not change a report already made, as in Mastodon.
 */
export const annualReports = pgTable(
  'annual_reports',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** the report as Mastodon's `data` (snake_case keys), ids as strings */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** when its owner marked it read (POST …/read): read reports leave the list */
    viewedAt: timestamp('viewed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.year] })],
);

export type AnnualReportRow = typeof annualReports.$inferSelect;

/**
 * Work a request started and a client may poll (Mastodon's async refreshes): one row per key (what
 * is refreshed: `context:<status id>`, `wrapstodon:<account id>:<year>`), replaced when it starts
 * again, so the table holds at most one row per thing refreshed. The id is random: only who was
 * given it can poll it.
 */
export const asyncRefreshes = pgTable('async_refreshes', {
  key: text('key').primaryKey(),
  id: text('id').notNull().unique(),
  status: text('status').$type<'running' | 'finished'>().notNull(),
  /** results found so far, when the work counts them */
  resultCount: integer('result_count'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
});

export type AsyncRefreshRow = typeof asyncRefreshes.$inferSelect;
