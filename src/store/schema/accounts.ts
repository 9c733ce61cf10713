import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, snowflake, updatedAt } from './columns.ts';

export interface ProfileField {
  name: string;
  value: string;
  verifiedAt: string | null;
}

/** A profile: local (domain null) or, later, remote. */
export const accounts = pgTable(
  'accounts',
  {
    id: snowflake('id').primaryKey(),
    username: text('username').notNull(),
    domain: text('domain'),
    displayName: text('display_name').notNull().default(''),
    /** the profile text as its author typed it */
    note: text('note').notNull().default(''),
    /** the profile text rendered to sanitised HTML */
    noteHtml: text('note_html').notNull().default(''),
    fields: jsonb('fields').$type<ProfileField[]>().notNull().default([]),
    locked: boolean('locked').notNull().default(false),
    bot: boolean('bot').notNull().default(false),
    discoverable: boolean('discoverable').notNull().default(true),
    indexable: boolean('indexable').notNull().default(false),
    hideCollections: boolean('hide_collections').notNull().default(false),
    avatarUrl: text('avatar_url'),
    headerUrl: text('header_url'),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_username_domain_key').on(sql`lower(${t.username})`, sql`coalesce(lower(${t.domain}), '')`),
    index('accounts_search_idx').on(sql`lower(${t.username}) text_pattern_ops`),
  ],
);

export type AccountRow = typeof accounts.$inferSelect;
