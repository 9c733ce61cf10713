import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, snowflake } from './columns.ts';
import { statuses } from './statuses.ts';

/** A translated attachment description, as the Translation entity lists it. */
export interface TranslatedMedia {
  id: string;
  description: string;
}

/**
 * Machine translations of statuses, kept so that asking again does not call the service: one per
 * status, edit (`edition`: when the text translated was written) and target language. Those of
 * an earlier edit are dropped when the new one is stored.
 */
export const statusTranslations = pgTable(
  'status_translations',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    edition: timestamp('edition', { withTimezone: true }).notNull(),
    language: text('language').notNull(),
    content: text('content').notNull(),
    spoilerText: text('spoiler_text').notNull(),
    pollOptions: text('poll_options').array(),
    media: jsonb('media').$type<TranslatedMedia[]>().notNull(),
    detectedSourceLanguage: text('detected_source_language').notNull(),
    provider: text('provider').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.language, t.edition] })],
);

export type StatusTranslationRow = typeof statusTranslations.$inferSelect;
