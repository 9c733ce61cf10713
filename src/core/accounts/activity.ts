// Who is around: each user's last use of the API, to the hour, and the weeks they were around (the
// instance activity). Home feeds of users away longer than the configured number of days are not
// written by fan-out (most of a big server's followers are away on any day); when such a user comes
// back, the stale feed is dropped and rebuilt on first read.
import type { Db } from '../../store/db.ts';
import { markActive } from '../../store/accounts/users.ts';
import { recordLogin } from '../../store/instance/activity.ts';
import type { FeedStore } from '../../infra/feeds.ts';
import type { User } from './types.ts';
import type { Changes } from '../changes.ts';

const HOUR = 3_600_000;

export function createActivity(deps: { db: Db; feeds: FeedStore; changes: Changes; inactiveDays: number }) {
  const { db, feeds, changes, inactiveDays } = deps;
  return {
    /** Records that a user is here (at most one write an hour); a user back after a long absence gets a fresh feed. */
    async seen(user: User): Promise<void> {
      if (Date.now() - user.lastActiveAt.getTime() < HOUR) return;
      // The row may be remembered for the next requests (see auth/access-cache): they must not ask again.
      user.lastActiveAt = new Date();
      const before = await markActive(db, user.id, new Date(Date.now() - HOUR));
      // Another request of the same user may have made the update first: it dealt with the feed.
      if (!before) return;
      // The week's logins in the instance activity.
      await recordLogin(db, user.id);
      const awayMs = Date.now() - before.getTime();
      if (inactiveDays > 0 && awayMs > inactiveDays * 24 * HOUR) await Promise.all([feeds.clear(user.accountId), changes.committed({ type: 'user.returned', accountId: user.accountId })]);
    },
  };
}

export type Activity = ReturnType<typeof createActivity>;
