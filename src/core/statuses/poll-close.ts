// A poll's end, local or remote: marked closed once, and its author (when local) and every local
// voter notified, as Mastodon does ('poll' notifications). A local poll's end comes with its
// 'poll.expire' job (queued at its end when it was written); a remote one's after it was read again
// from its server (see remote-poll-refresh), whose other voters are that server's to tell.
import type { Db } from '../../store/db.ts';
import { closePoll } from '../../store/statuses/polls.ts';
import type { Notifications } from '../notifications/service.ts';
import type { StatusChanges } from './changes.ts';
import { type PollNews, queuePollLive } from './poll-news.ts';
import type { Jobs } from '../jobs.ts';

export function createPollClose(deps: { db: Db; jobs: Jobs; notifications: Notifications; pollNews: PollNews; changes: StatusChanges }) {
  const { db, jobs, notifications, pollNews, changes } = deps;

  /** Closes the poll if its end has come; nothing when it has not, or was closed already. */
  return async function closeExpiredPoll(pollId: string): Promise<void> {
    const closed = await db
      .transaction(async (tx) => {
        const found = await closePoll(tx, pollId);
        // Gone with its status, closed already, or an edit moved its end later (its own job will come).
        if (!found) return null;
        const { poll, localVoters, localAuthor } = found;
        if (poll.expiresAt === null || poll.expiresAt.getTime() > Date.now()) throw new PollNotDue();
        const recipients = [...(localAuthor ? [poll.accountId] : []), ...localVoters.filter((id) => id !== poll.accountId)];
        await notifications.notify(
          tx,
          recipients.map((recipientId) => ({ recipientId, fromId: poll.accountId, type: 'poll' as const, statusId: poll.statusId })),
        );
        // Other servers hear of our own polls' ends; open screens of any.
        if (localAuthor) await pollNews(tx, poll.statusId);
        else await queuePollLive(jobs, tx, poll.statusId);
        return poll;
      })
      .catch((error: unknown) => {
        if (error instanceof PollNotDue) return null;
        throw error;
      });
    if (closed) await changes.committed({ statusIds: [closed.statusId] });
  };
}

/** Rolls the close back: the poll ends later than this job (an edit moved it), or never. */
class PollNotDue extends Error {}
