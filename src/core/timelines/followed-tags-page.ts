// The posts a viewer's home gets by the hashtags it follows (home-rule, "Followed hashtags"), read
// by the rule's SQL when the home feed is rebuilt (home-rebuild): per followed tag, its newest
// posts by the (tag_id, status_id) index, then merged. Named and compiled once.
import { sql } from 'drizzle-orm';
import { namedStatement, type Db } from '../../store/db.ts';
import { notHidden, reachesTagFollower } from './home-rule.ts';

const viewer = sql`${sql.placeholder('viewer')}::bigint`;
const limit = sql`${sql.placeholder('limit')}::int`;

const followedTagIdsQuery = namedStatement<{ id: string }>(
  'followed_tag_ids',
  sql`select x.id::text as id from tag_follows tf
      cross join lateral (
        select st.status_id as id from status_tags st join statuses s on s.id = st.status_id
        where st.tag_id = tf.tag_id
          and ${reachesTagFollower(viewer, { author: sql`s.account_id`, visibility: sql`s.visibility`, reblogOf: sql`s.reblog_of_id` })}
          and ${notHidden(viewer, sql`= s.account_id`)}
        order by st.status_id desc limit ${limit}
      ) x
      where tf.account_id = ${viewer}
      group by x.id order by x.id desc limit ${limit}`,
);

/** The newest `limit` posts that came to the viewer's home by the hashtags it follows, newest first. */
export async function followedTagIds(db: Db, viewerId: string, limitTo: number): Promise<string[]> {
  return (await followedTagIdsQuery(db, { viewer: viewerId, limit: limitTo })).rows.map((r) => r.id);
}
