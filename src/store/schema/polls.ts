import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake, updatedAt } from './columns.ts';
import { statuses } from './statuses.ts';

/**
 * A status's poll: its options and a tally per option, kept beside the votes so that reading a
 * poll never counts them. A vote locks the row (see store/statuses/polls), so tallies stay exact.
 */
export const polls = pgTable(
  'polls',
  {
    id: snowflake('id').primaryKey(),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    options: text('options').array().notNull(),
    /** votes per option, in the order of `options` */
    tallies: integer('tallies').array().notNull(),
    votesCount: integer('votes_count').notNull().default(0),
    votersCount: integer('voters_count').notNull().default(0),
    multiple: boolean('multiple').notNull().default(false),
    hideTotals: boolean('hide_totals').notNull().default(false),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    /** when it was closed and its voters notified (the expiry job ran) */
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** a remote poll: when its tallies were last read from its server */
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('polls_status_key').on(t.statusId)],
);

/** One row per chosen option (a multiple-choice vote is several rows). */
export const pollVotes = pgTable(
  'poll_votes',
  {
    id: snowflake('id').primaryKey(),
    pollId: snowflake('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    choice: smallint('choice').notNull(),
    /** the ActivityPub id of a remote vote, or of ours on a remote poll */
    uri: text('uri'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('poll_votes_choice_key').on(t.pollId, t.accountId, t.choice),
    index('poll_votes_uri_idx').on(t.uri).where(sql`${t.uri} is not null`),
    // The polls an account voted in: their posts are in its search library (store/search/statuses).
    index('poll_votes_account_idx').on(t.accountId, t.pollId),
  ],
);

export type PollRow = typeof polls.$inferSelect;
