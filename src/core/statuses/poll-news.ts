// A poll's counts (or its end) moved without an edit. Open screens showing it hear of it through a
// status.update at most once a second, however many votes come (the 'poll.changed' job, keyed by
// status); other servers hear of our own polls through the outbox's update (a few seconds later).
import type { Executor, Jobs } from '../jobs.ts';
import type { Outbox } from '../outbox.ts';

/** Votes in a poll reach open screens as one status.update at most this often. */
export const POLL_LIVE_DELAY_MS = 1_000;

/** Inside the transaction that moved the poll of this status. */
export function queuePollLive(jobs: Jobs, tx: Executor, statusId: string): Promise<void> {
  return jobs.enqueue(tx, 'poll.changed', { statusId }, { key: `poll.changed:${statusId}`, keyMode: 'preserve_run_at', runAt: new Date(Date.now() + POLL_LIVE_DELAY_MS) });
}

export function createPollNews(deps: { jobs: Jobs; outbox: Outbox }) {
  const { jobs, outbox } = deps;
  /** Inside the transaction that moved one of our polls (a vote, its end). */
  return async function localPollMoved(tx: Executor, statusId: string): Promise<void> {
    await outbox.pollUpdated(tx, statusId);
    await queuePollLive(jobs, tx, statusId);
  };
}

export type PollNews = ReturnType<typeof createPollNews>;
