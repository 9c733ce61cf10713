// What an open home or list stream needs to know of the viewer's follows (see home-rule): each
// followed account with the follow's choices, and whether it is in one of the viewer's exclusive lists.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { follows } from '../../store/schema/index.ts';
import { inExclusiveList, type Follows, type HomeFollow } from './home-rule.ts';

const PLAIN_FOLLOW: HomeFollow = Object.freeze({ showReblogs: true, languages: null, exclusive: false });

export function createStreamFollows(db: Db): (viewerId: string) => Promise<Follows> {
  const followsQuery = db
    .select({
      id: follows.targetAccountId,
      showReblogs: follows.showReblogs,
      languages: follows.languages,
      exclusive: sql<boolean>`${inExclusiveList(sql`follows.account_id`, sql`follows.target_account_id`)}`,
    })
    .from(follows)
    .where(eq(follows.accountId, sql.placeholder('viewer')))
    .prepare('stream_follows');

  return async (viewerId) => {
    const rows = await followsQuery.execute({ viewer: viewerId });
    // Most follows have no choices: they share one object (thousands of open screens hold these).
    return new Map(
      rows.map((r): [string, HomeFollow] => [
        r.id,
        r.showReblogs && r.languages === null && !r.exclusive ? PLAIN_FOLLOW : { showReblogs: r.showReblogs, languages: r.languages, exclusive: r.exclusive },
      ]),
    );
  };
}
