import { doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export type TrendKind = 'status' | 'tag' | 'link';

/** One day of a tag's or link's use: Mastodon's history entry (day: UNIX time of midnight UTC). */
export interface TrendDay {
  day: string;
  uses: string;
  accounts: string;
}

/**
 * What trends now, as the periodic job last scored it (core/trends/score): read by the API, never
 * computed in a request. No foreign key: the job replaces a kind's rows whole, and reads join what
 * still exists.
 */
export const trends = pgTable(
  'trends',
  {
    kind: text('kind').$type<TrendKind>().notNull(),
    /** the status's or tag's id, or the link's normalised address */
    key: text('key').notNull(),
    score: doublePrecision('score').notNull(),
    /** the last seven days, newest first (tags and links) */
    history: jsonb('history').$type<TrendDay[]>().notNull().default([]),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] }), index('trends_rank_idx').on(t.kind, t.score.desc())],
);

/** What an administrator let trend, under PARLEY_TRENDS_REVIEW=manual (`parley trends approve`). */
export const trendApprovals = pgTable('trend_approvals', { kind: text('kind').$type<TrendKind>().notNull(), key: text('key').notNull(), createdAt: createdAt() }, (t) => [
  primaryKey({ columns: [t.kind, t.key] }),
]);
