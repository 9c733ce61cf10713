// Follow suggestions: the candidates of each source, and the accounts a user dismissed.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { suggestionDismissals } from '../schema/index.ts';
import { listable, notHiddenFrom } from './listable.ts';

/** How many of the viewer's follows, and of each of theirs, friends of friends reads at most. */
export const FRIENDS_READ = 200;
export const FRIENDS_FOLLOWS_READ = 500;
/** How recently a popular account must have posted. */
export const ACTIVE_DAYS = 30;

/** `a` may be suggested to the viewer: discoverable, not the viewer, not followed or asked, not hidden, not dismissed. */
function suggestable(viewerId: string): SQL {
  return sql`${listable} and a.id <> ${viewerId} and ${notHiddenFrom(viewerId)}
    and not exists (select 1 from follows where account_id = ${viewerId} and target_account_id = a.id)
    and not exists (select 1 from follow_requests where account_id = ${viewerId} and target_account_id = a.id)
    and not exists (select 1 from suggestion_dismissals d where d.account_id = ${viewerId} and d.target_account_id = a.id)`;
}

/**
 * Accounts followed by many of the accounts the viewer follows (those that show whom they follow),
 * most such follows first, then most followers. Cost: the viewer's follows (one index range, a
 * bounded sort to keep the newest FRIENDS_READ), then at most FRIENDS_FOLLOWS_READ follows of each
 * (one index range each): at most 100,000 rows counted, whatever the graph's size, and each
 * counted candidate checked by key.
 */
export async function friendsOfFriends(db: Db, viewerId: string, limit: number): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    with mine as (
      select f.target_account_id as id from follows f join accounts o on o.id = f.target_account_id
      where f.account_id = ${viewerId} and not o.hide_collections and o.suspended_at is null
      order by f.id desc limit ${FRIENDS_READ}
    ), theirs as (
      select t.target_account_id as id, count(*) as frequency
      from mine cross join lateral (select target_account_id from follows where account_id = mine.id limit ${FRIENDS_FOLLOWS_READ}) t
      group by t.target_account_id
    )
    select a.id from theirs join accounts a on a.id = theirs.id left join account_stats s on s.account_id = a.id
    where ${suggestable(viewerId)}
    order by theirs.frequency desc, coalesce(s.followers_count, 0) desc, a.id desc
    limit ${limit}`);
  return result.rows.map((r) => String(r.id));
}

/**
 * Local discoverable accounts that posted in the last ACTIVE_DAYS days and have followers, most
 * followers first. Cost: every local discoverable account once (accounts_discoverable_idx, then
 * account_stats by key) and a bounded sort: linear in the accounts that opted in.
 */
export async function popularLocally(db: Db, viewerId: string, limit: number): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    select a.id from accounts a join account_stats s on s.account_id = a.id
    where a.domain is null and ${suggestable(viewerId)}
      and s.followers_count > 0 and s.last_status_at > now() - make_interval(days => ${ACTIVE_DAYS})
    order by s.followers_count desc, a.id desc
    limit ${limit}`);
  return result.rows.map((r) => String(r.id));
}

/** Remembers that the viewer does not want the account suggested again. */
export async function insertDismissal(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.insert(suggestionDismissals).values({ accountId, targetAccountId: targetId }).onConflictDoNothing();
}
