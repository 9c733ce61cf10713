// Who is around: each user's last use of the API, to the hour. Home feeds of users away longer than
// the configured number of days are not written by fan-out (most of a big server's followers are
// away on any day); when such a user comes back, the stale feed is dropped and rebuilt on first read.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { users } from '../../store/schema/index.ts';
import type { FeedStore } from '../../infra/feeds.ts';
import type { User } from './service.ts';
import type { Audiences } from '../timelines/audiences.ts';

const HOUR = 3_600_000;

export function createActivity(deps: { db: Db; feeds: FeedStore; audiences: Audiences; inactiveDays: number }) {
  const { db, feeds, audiences, inactiveDays } = deps;
  return {
    /** Records that a user is here (at most one write an hour); a user back after a long absence gets a fresh feed. */
    async seen(user: User): Promise<void> {
      if (Date.now() - user.lastActiveAt.getTime() < HOUR) return;
      // The row may be remembered for the next requests (see auth/access-cache): they must not ask again.
      user.lastActiveAt = new Date();
      const [before] = await db
        .update(users)
        .set({ lastActiveAt: new Date() })
        .where(and(eq(users.id, user.id), lt(users.lastActiveAt, new Date(Date.now() - HOUR))))
        .returning({ lastActiveAt: sql<Date>`(select u.last_active_at from users u where u.id = ${user.id})` });
      // Another request of the same user may have made the update first: it dealt with the feed.
      if (!before) return;
      const awayMs = Date.now() - new Date(before.lastActiveAt).getTime();
      if (inactiveDays > 0 && awayMs > inactiveDays * 24 * HOUR) await Promise.all([feeds.clear(user.accountId), audiences.returned(user.accountId)]);
    },
  };
}

export type Activity = ReturnType<typeof createActivity>;
