import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';
import { oauthApps } from './oauth.ts';
import type { Visibility } from './users.ts';

/** `manual` is Parley's own (its API, not Mastodon's): anyone may ask, the author answers each request. */
export type QuotePolicy = 'public' | 'followers' | 'nobody' | 'manual';

/** Posts, and reblogs (a reblog is a status whose reblog_of_id names the original). */
export const statuses = pgTable(
  'statuses',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** denormalised from the account, so public timelines need no join */
    local: boolean('local').notNull().default(true),
    /** ActivityPub id for remote statuses; local ones derive theirs from id */
    uri: text('uri'),
    url: text('url'),
    text: text('text').notNull().default(''),
    contentHtml: text('content_html').notNull().default(''),
    spoilerText: text('spoiler_text').notNull().default(''),
    sensitive: boolean('sensitive').notNull().default(false),
    visibility: text('visibility').$type<Visibility>().notNull(),
    language: text('language'),
    /**
     * the languages of its versions besides the primary (status_versions), kept by the one writer
     * of those; null when it has none. Timelines filtered by language read it with the row.
     */
    versionLanguages: text('version_languages').array(),
    // No foreign key: a reply outlives the post it answered, as in Mastodon.
    inReplyToId: snowflake('in_reply_to_id'),
    inReplyToAccountId: snowflake('in_reply_to_account_id'),
    reblogOfId: snowflake('reblog_of_id').references((): AnyPgColumn => statuses.id, { onDelete: 'cascade' }),
    /** the first post of the thread; mutes and context work per conversation */
    conversationId: snowflake('conversation_id').notNull(),
    appId: snowflake('app_id').references(() => oauthApps.id, { onDelete: 'set null' }),
    repliesCount: integer('replies_count').notNull().default(0),
    reblogsCount: integer('reblogs_count').notNull().default(0),
    favouritesCount: integer('favourites_count').notNull().default(0),
    /** accepted quotes of it (see quotes) */
    quotesCount: integer('quotes_count').notNull().default(0),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    createdAt: createdAt(),
    /** who may quote it (Mastodon's quote_approval_policy; FEP-044f's canQuote) */
    quotePolicy: text('quote_policy').$type<QuotePolicy>().notNull().default('public'),
  },
  (t) => [
    index('statuses_account_idx').on(t.accountId, t.id),
    uniqueIndex('statuses_uri_key').on(t.uri).where(sql`${t.uri} is not null`),
    // Only replies are indexed by what they answer and by their thread (a thread's first status is
    // its own conversation): most posts are neither, and each index entry is paid on every post.
    index('statuses_reply_idx').on(t.inReplyToId).where(sql`${t.inReplyToId} is not null`),
    index('statuses_conversation_idx').on(t.conversationId).where(sql`${t.conversationId} <> ${t.id}`),
    uniqueIndex('statuses_reblog_key').on(t.accountId, t.reblogOfId).where(sql`${t.reblogOfId} is not null`),
    index('statuses_reblogs_idx').on(t.reblogOfId, t.id).where(sql`${t.reblogOfId} is not null`),
    index('statuses_public_idx').on(t.id).where(sql`${t.visibility} = 'public' and ${t.reblogOfId} is null`),
  ],
);

export const statusMentions = pgTable(
  'status_mentions',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.accountId] }), index('status_mentions_account_idx').on(t.accountId, t.statusId)],
);

export const tags = pgTable(
  'tags',
  {
    id: snowflake('id').primaryKey(),
    /** lower-case, as matched */
    name: text('name').notNull().unique(),
    /** as first written */
    displayName: text('display_name').notNull(),
    createdAt: createdAt(),
  },
  // Search by the start of a name (pg_trgm: LIKE 'x%' whatever the database's collation).
  (t) => [index('tags_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops'))],
);

export const statusTags = pgTable(
  'status_tags',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    tagId: snowflake('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.tagId] }), index('status_tags_tag_idx').on(t.tagId, t.statusId)],
);

/** Earlier versions of edited statuses (the first edit also records the original). */
export const statusEdits = pgTable(
  'status_edits',
  {
    id: snowflake('id').primaryKey(),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    contentHtml: text('content_html').notNull(),
    spoilerText: text('spoiler_text').notNull(),
    sensitive: boolean('sensitive').notNull(),
    /** the attachments this version carried, in order */
    mediaIds: text('media_ids').array().notNull().default(sql`'{}'::text[]`),
    /** the poll's options in this version, if it had one */
    pollOptions: text('poll_options').array(),
    /** the versions in other languages this version carried (see status-versions), if any */
    versions: jsonb('versions').$type<{ language: string; text: string; contentHtml: string; spoilerText: string }[]>(),
    createdAt: createdAt(),
  },
  (t) => [index('status_edits_status_idx').on(t.statusId, t.id)],
);

/** Replays of POST /api/v1/statuses with the same Idempotency-Key return the first result. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    statusId: snowflake('status_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);

export type StatusRow = typeof statuses.$inferSelect;

/** The web addresses a status links to, normalised (see core/text/links), for the link timeline. */
export const statusLinks = pgTable(
  'status_links',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.url] }), index('status_links_url_idx').on(t.url, t.statusId)],
);
