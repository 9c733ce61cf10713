// Replies to a remote post that its server knows and this one does not, fetched when a signed-in
// reader opens the post's thread, as Mastodon 4.4 does: the read answers at once with what is
// here and names an async refresh (see async-refreshes); the 'replies.fetch' job, run by the
// federation door, reads the post's `replies` collection on its server, stores what it finds and
// counts it, and the client polls the refresh and reads the thread again once it is finished.
import type { Db } from '../../store/db.ts';
import type { AsyncRefresh, AsyncRefreshes } from '../async-refreshes.ts';
import type { JobPayloads, Jobs } from '../jobs.ts';
import type { Status } from './views.ts';

export const REPLIES_FETCH_TASK = 'replies.fetch' satisfies keyof JobPayloads;

/** A post's replies are fetched from its server at most once in this long (Mastodon waits 15 minutes too). */
export const REPLIES_COOLDOWN_MS = 15 * 60_000;

const refreshKey = (statusId: string) => `context:${statusId}`;

export function createRemoteReplies(deps: { db: Db; jobs: Jobs; refreshes: AsyncRefreshes }) {
  const { db, jobs, refreshes } = deps;
  return {
    /**
     * A reader opened this status's thread: the refresh to name, when its replies are being
     * fetched (one running already, or one started now). Only for another server's public or
     * unlisted post (others' replies are never listed publicly) read by someone signed in, and
     * not again within the cooldown.
     */
    async threadRead(viewerId: string | null, status: Pick<Status, 'id' | 'local' | 'visibility' | 'reblogOfId'>): Promise<AsyncRefresh | null> {
      if (viewerId === null || status.local || status.reblogOfId || (status.visibility !== 'public' && status.visibility !== 'unlisted')) return null;
      // One read decides most reads of a thread: a refresh running, or one within the cooldown.
      const last = await refreshes.last(refreshKey(status.id));
      if (last?.running) return last.refresh;
      if (last && Date.now() - last.startedAt.getTime() < REPLIES_COOLDOWN_MS) return null;
      return db.transaction(async (tx) => {
        const { refresh, started } = await refreshes.start(tx, refreshKey(status.id), { cooldownMs: REPLIES_COOLDOWN_MS, countResults: true });
        if (started) await jobs.enqueue(tx, REPLIES_FETCH_TASK, { statusId: status.id, refreshId: refresh.id, accountId: viewerId }, { key: `replies.fetch:${status.id}`, maxAttempts: 3 });
        return refresh.status === 'running' ? refresh : null;
      });
    },

    /** The door stored `n` replies it had not known. */
    found: (refreshId: string, n: number) => refreshes.found(refreshId, n),

    /** The door is done (whether the server answered or not). */
    finished: (refreshId: string) => refreshes.finish(refreshId),
  };
}

export type RemoteReplies = ReturnType<typeof createRemoteReplies>;
