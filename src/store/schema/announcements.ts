import { boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { snowflake, updatedAt } from './columns.ts';

/** What the administrator tells every user (Mastodon's announcements), shown between its start and end. */
export const announcements = pgTable(
  'announcements',
  {
    id: snowflake('id').primaryKey(),
    /** as the administrator wrote it */
    text: text('text').notNull(),
    /** the text as HTML, rendered as a post's text is */
    contentHtml: text('content_html').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }),
    /** the start and end are days, not moments */
    allDay: boolean('all_day').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('announcements_ends_idx').on(t.endsAt)],
);

/** Announcements a user has read (dismissed). */
export const announcementDismissals = pgTable(
  'announcement_dismissals',
  {
    announcementId: snowflake('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.announcementId] })],
);

/** Users' emoji reactions to announcements: a unicode emoji or a custom emoji's shortcode. */
export const announcementReactions = pgTable(
  'announcement_reactions',
  {
    announcementId: snowflake('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.accountId, t.name] }), index('announcement_reactions_account_idx').on(t.accountId)],
);

export type AnnouncementRow = typeof announcements.$inferSelect;
