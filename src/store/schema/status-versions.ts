import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { snowflake } from './columns.ts';
import { statuses } from './statuses.ts';

/**
 * A status's versions in languages other than its primary one (the row's own text), written by its
 * author: one per language. Most statuses have none, and reading them costs nothing then (see
 * core/statuses/view-extras).
 */
export const statusVersions = pgTable(
  'status_versions',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    text: text('text').notNull(),
    contentHtml: text('content_html').notNull(),
    spoilerText: text('spoiler_text').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.language] })],
);

export type StatusVersionRow = typeof statusVersions.$inferSelect;
/** A version as a status's history keeps it (status_edits.versions). */
export type KeptVersion = Omit<StatusVersionRow, 'statusId'>;
