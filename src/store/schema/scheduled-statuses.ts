import { index, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';
import { oauthApps } from './oauth.ts';
import type { Visibility } from './users.ts';

/** What a scheduled post will be posted with, as Mastodon's ScheduledStatus `params` show it. */
export interface ScheduledParams {
  text: string;
  /** resolved when scheduled (the author's default then), so that the entity always shows one */
  visibility: Visibility;
  spoilerText: string | null;
  sensitive: boolean | null;
  language: string | null;
  inReplyToId: string | null;
  /** the uploads it carries, in order (reserved: see media_attachments.scheduled_status_id) */
  mediaIds: string[];
  /** seconds the poll stays open counts from the posting */
  poll: { options: string[]; expiresIn: number; multiple: boolean; hideTotals: boolean } | null;
}

/**
 * Posts to be made later (Mastodon's scheduled statuses). A durable job posts each at its time
 * (see core/statuses/publish-scheduled); the post and the removal of this row are one commit.
 */
export const scheduledStatuses = pgTable(
  'scheduled_statuses',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true, mode: 'date' }).notNull(),
    params: jsonb('params').$type<ScheduledParams>().notNull(),
    /** the app it was scheduled with, shown on the post */
    appId: snowflake('app_id').references(() => oauthApps.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('scheduled_statuses_account_idx').on(t.accountId, t.id), index('scheduled_statuses_day_idx').on(t.accountId, t.scheduledAt)],
);

export type ScheduledStatusRow = typeof scheduledStatuses.$inferSelect;
