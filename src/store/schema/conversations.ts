import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { snowflake } from './columns.ts';

/**
 * A local account's private conversations (Mastodon's AccountConversation): one row per thread of
 * direct messages it took part in, with the others in it, its newest message, and whether the
 * account has read it since.
 */
export const accountConversations = pgTable(
  'account_conversations',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** the thread's first status (statuses.conversation_id) */
    conversationId: snowflake('conversation_id').notNull(),
    /** the other accounts of the thread, every one that wrote or was addressed */
    participantIds: snowflake('participant_ids').array().notNull().default(sql`'{}'`),
    lastStatusId: snowflake('last_status_id').notNull(),
    unread: boolean('unread').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.conversationId] }), index('account_conversations_page_idx').on(t.accountId, t.lastStatusId)],
);

export type AccountConversation = typeof accountConversations.$inferSelect;

/**
 * Other servers' names for threads (a note's ActivityPub `context`): a reply whose parent never
 * reached this server still joins its thread here. Threads begun here are named by their id.
 */
export const conversationContexts = pgTable(
  'conversation_contexts',
  {
    uri: text('uri').primaryKey(),
    conversationId: snowflake('conversation_id').notNull(),
  },
  (t) => [index('conversation_contexts_conversation_idx').on(t.conversationId)],
);
