// A poll's end (the 'poll.expire' job, queued at its end when it was written): marked closed once,
// and its author and every local voter notified, as Mastodon does ('poll' notifications).
import type { Db } from '../../store/db.ts';
import { closePoll } from '../../store/statuses/polls.ts';
import type { Notifications } from '../notifications/service.ts';
import type { StatusChanges } from './changes.ts';
import type { PollNews } from './poll-news.ts';

export function createPollClose(deps: { db: Db; notifications: Notifications; pollNews: PollNews; changes: StatusChanges }) {
  const { db, notifications, pollNews, changes } = deps;

  return async function closeExpiredPoll(pollId: string): Promise<void> {
    const closed = await db
      .transaction(async (tx) => {
        const found = await closePoll(tx, pollId);
        // Gone with its status, closed already, or an edit moved its end later (its own job will come).
        if (!found) return null;
        const { poll, localVoters } = found;
        if (poll.expiresAt && poll.expiresAt.getTime() > Date.now()) throw new PollNotDue();
        const recipients = [poll.accountId, ...localVoters.filter((id) => id !== poll.accountId)];
        await notifications.notify(
          tx,
          recipients.map((recipientId) => ({ recipientId, fromId: poll.accountId, type: 'poll' as const, statusId: poll.statusId })),
        );
        await pollNews(tx, poll.statusId);
        return poll;
      })
      .catch((error: unknown) => {
        if (error instanceof PollNotDue) return null;
        throw error;
      });
    if (closed) await changes.committed({ statusIds: [closed.statusId] });
  };
}

/** Rolls the close back: the poll ends later than this job (an edit moved it). */
class PollNotDue extends Error {}
