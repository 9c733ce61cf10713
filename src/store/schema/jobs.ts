import { pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from './columns.ts';

/** Ids waiting to be handled in batches (see infra/batches): one row per id and queue. */
export const jobBatches = pgTable(
  'job_batches',
  {
    queue: text('queue').notNull(),
    id: snowflake('id').notNull(),
    attempts: smallint('attempts').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.queue, t.id] })],
);

/**
 * Job workers alive, each seen again every few seconds: jobs locked by a worker no longer seen (its
 * process was killed) are unlocked at once rather than after graphile-worker's four hours.
 */
export const jobWorkers = pgTable('job_workers', {
  workerId: text('worker_id').primaryKey(),
  seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
