// Remote polls read again from their server, as Mastodon does: when someone here looks at one not
// read for a minute (and not read since it ended), and at its end when someone here voted in it,
// so that its voters hear of the result ('poll' notifications, see poll-close). The core queues
// the 'poll.refresh' job; the federation door fetches the Question and hands it back as an edit
// (remote.ts `revise`), then calls `refreshed`.
import type { Db } from '../../store/db.ts';
import type { PollRow } from '../../store/schema/index.ts';
import { pollById, remotePollOrigin, touchFetched } from '../../store/statuses/polls.ts';
import type { Executor, JobPayloads, Jobs } from '../jobs.ts';
import { pollExpired } from './poll-input.ts';

export const POLL_REFRESH_TASK = 'poll.refresh' satisfies keyof JobPayloads;

/** A remote poll read less than this long ago is not asked for again. */
export const POLL_STALE_MS = 60_000;

/** Whether a remote poll is worth asking its server for again: stale, and not read since it ended. */
export function refreshDue(poll: Pick<PollRow, 'lastFetchedAt' | 'expiresAt'>, now = Date.now()): boolean {
  const fetched = poll.lastFetchedAt?.getTime();
  if (fetched === undefined) return true;
  const readSinceEnd = poll.expiresAt !== null && fetched >= poll.expiresAt.getTime();
  return !readSinceEnd && now - fetched > POLL_STALE_MS;
}

/**
 * Queues the read of a remote poll at its end (one job per poll, moved with its end), signed as a
 * local voter. Nothing when it has no end.
 */
export function refreshAtEnd(tx: Executor, jobs: Jobs, poll: Pick<PollRow, 'id' | 'expiresAt'>, voterId: string): Promise<void> {
  if (!poll.expiresAt) return Promise.resolve();
  return jobs.enqueue(tx, POLL_REFRESH_TASK, { pollId: poll.id, accountId: voterId }, { key: `poll.end:${poll.id}`, runAt: poll.expiresAt });
}

export function createRemotePollRefresh(deps: { db: Db; jobs: Jobs; closeExpiredPoll: (pollId: string) => Promise<void> }) {
  const { db, jobs, closeExpiredPoll } = deps;
  return {
    /**
     * A local account looks at a remote poll: read again soon if due, by a job (never while the
     * request waits); one waiting job per poll, however many look.
     */
    async viewed(poll: PollRow, status: { local: boolean }, viewerId: string | null): Promise<void> {
      if (status.local || viewerId === null || !refreshDue(poll)) return;
      await jobs.enqueue(db, POLL_REFRESH_TASK, { pollId: poll.id, accountId: viewerId }, { key: `poll.refresh:${poll.id}`, keyMode: 'preserve_run_at' });
    },

    /** Where the door reads the poll: its status's uri and author (null: gone, or not remote). */
    origin: (pollId: string) => remotePollOrigin(db, pollId),

    /** The door asked the poll's server (answered or not): its end, if it came, is told to its voters here. */
    async refreshed(pollId: string): Promise<void> {
      await touchFetched(db, pollId);
      const poll = await pollById(db, pollId);
      if (poll && poll.closedAt === null && pollExpired(poll)) await closeExpiredPoll(pollId);
    },
  };
}

export type RemotePollRefresh = ReturnType<typeof createRemotePollRefresh>;
