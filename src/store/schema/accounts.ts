import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, snowflake, updatedAt } from './columns.ts';

export interface ProfileField {
  name: string;
  value: string;
  verifiedAt: string | null;
}

/** A profile: local (domain null) or remote (domain and uri set). */
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
    /** listed in the directory and suggested to others: an opt-in, as in Mastodon */
    discoverable: boolean('discoverable').notNull().default(false),
    indexable: boolean('indexable').notNull().default(false),
    hideCollections: boolean('hide_collections').notNull().default(false),
    avatarUrl: text('avatar_url'),
    headerUrl: text('header_url'),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    // Remote accounts only: where their server keeps them, and when we last read them.
    /** ActivityPub actor id */
    uri: text('uri'),
    /** profile page */
    url: text('url'),
    inboxUrl: text('inbox_url'),
    sharedInboxUrl: text('shared_inbox_url'),
    followersUrl: text('followers_url'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_username_domain_key').on(sql`lower(${t.username})`, sql`coalesce(lower(${t.domain}), '')`),
    index('accounts_search_idx').on(sql`lower(${t.username}) text_pattern_ops`),
    // Search by any part of a display name (pg_trgm answers ILIKE '%…%').
    index('accounts_display_name_trgm_idx').using('gin', t.displayName.op('gin_trgm_ops')),
    uniqueIndex('accounts_uri_key').on(t.uri).where(sql`${t.uri} is not null`),
    // The directory and suggestions read only these (few, next to all accounts known).
    index('accounts_discoverable_idx').on(t.id).where(sql`${t.discoverable} and ${t.suspendedAt} is null`),
  ],
);

export type AccountRow = typeof accounts.$inferSelect;
