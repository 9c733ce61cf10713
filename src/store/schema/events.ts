import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake, updatedAt } from './columns.ts';

export type EventKind = 'qa' | 'briefing' | 'coverage';
export type EventRole = 'host' | 'cohost' | 'moderator' | 'participant';
export type QuestionState = 'pending' | 'approved' | 'answered' | 'hidden' | 'withdrawn' | 'merged';

/** An event's title and description in another language than its own. */
export interface EventTranslation {
  language: string;
  title: string;
  description: string;
}

/** A live event (see docs/events.md): a Q&A, a press briefing or live coverage, run by its host. */
export const events = pgTable(
  'events',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<EventKind>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    language: text('language'),
    translations: jsonb('translations').$type<EventTranslation[]>().notNull().default([]),
    /** lower case, without '#' */
    hashtag: text('hashtag').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** set when a host ends it before its end */
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    /** questions wait for a moderator before the audience sees them */
    premoderated: boolean('premoderated').notNull().default(true),
    /** the host's post announcing it: replies to it are questions */
    statusId: snowflake('status_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('events_account_idx').on(t.accountId, t.id), uniqueIndex('events_status_idx').on(t.statusId), index('events_ends_idx').on(t.endsAt)],
);

/** Who runs an event with its host, and who is accredited to ask in a briefing. */
export const eventMembers = pgTable(
  'event_members',
  {
    eventId: snowflake('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role').$type<Exclude<EventRole, 'host'>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.accountId] }), index('event_members_account_idx').on(t.accountId)],
);

/** A question put to an event: always a post (asked through the API, or a reply from any server). */
export const eventQuestions = pgTable(
  'event_questions',
  {
    id: snowflake('id').primaryKey(),
    eventId: snowflake('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** the post that asks it (no foreign key: a deleted post withdraws the question, see withdraw) */
    statusId: snowflake('status_id').notNull(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    language: text('language'),
    state: text('state').$type<QuestionState>().notNull(),
    votesCount: integer('votes_count').notNull().default(0),
    mergedIntoId: snowflake('merged_into_id'),
    /** a briefing's follow-up: the answered question it follows */
    followUpOfId: snowflake('follow_up_of_id'),
    createdAt: createdAt(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('event_questions_status_idx').on(t.statusId), index('event_questions_event_idx').on(t.eventId, t.state, t.id), index('event_questions_account_idx').on(t.accountId, t.eventId)],
);

/** One vote per account and question. */
export const eventVotes = pgTable(
  'event_votes',
  {
    questionId: snowflake('question_id')
      .notNull()
      .references(() => eventQuestions.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.accountId] }), index('event_votes_account_idx').on(t.accountId)],
);

/** A question's answer: prepared (text kept until released) or released (a post replying to the question). */
export const eventAnswers = pgTable(
  'event_answers',
  {
    questionId: snowflake('question_id')
      .primaryKey()
      .references(() => eventQuestions.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** the reply, once released */
    statusId: snowflake('status_id'),
    /** a prepared answer's text, language and uploads, until it is released */
    draft: jsonb('draft').$type<{ text: string; language: string | null; mediaIds: string[]; versions?: { language: string; text: string; spoilerText?: string | undefined }[] }>(),
    createdAt: createdAt(),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('event_answers_status_idx').on(t.statusId).where(sql`${t.statusId} is not null`)],
);

/** A briefing's raised hands, in the order they were raised. */
export const eventHands = pgTable(
  'event_hands',
  {
    eventId: snowflake('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    calledAt: timestamp('called_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.accountId] })],
);

/** A coverage event's updates: hosts' posts, in the order posted. */
export const eventUpdates = pgTable(
  'event_updates',
  {
    eventId: snowflake('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.statusId] }), uniqueIndex('event_updates_status_idx').on(t.statusId)],
);

export type EventRow = typeof events.$inferSelect;
export type EventQuestionRow = typeof eventQuestions.$inferSelect;
export type EventAnswerRow = typeof eventAnswers.$inferSelect;
export type EventMemberRow = typeof eventMembers.$inferSelect;
export type EventHandRow = typeof eventHands.$inferSelect;
