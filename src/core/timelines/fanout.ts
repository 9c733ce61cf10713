// Fan-out on write: a new status goes into the home feeds of the local accounts that should see it.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import type { FeedStore } from '../../infra/feeds.ts';
import type { Live, StatusFacts } from '../live.ts';
import type { Notifications } from '../notifications/service.ts';
import { inExclusiveList } from './service.ts';

const MERGE_ON_FOLLOW = 40;

export function createFanout(deps: { db: Db; feeds: FeedStore; notifications: Notifications; live: Live; pullThreshold: number; inactiveDays: number }) {
  const { db, feeds, notifications, live, pullThreshold, inactiveDays } = deps;

  /**
   * The recipients of a status whose facts are known. The author and the other accounts involved
   * are given as values, not joined from the status, so PostgreSQL plans for this author's real
   * number of followers (joined, it guessed and scanned every account and user for each post).
   */
  async function recipientsOf(f: StatusFacts): Promise<string[]> {
    const involved = sql`(${f.accountId}::bigint, ${f.originalAuthor ?? f.accountId}::bigint)`;
    const conditions: SQL[] = [];
    if (f.visibility === 'direct') {
      conditions.push(sql`f.account_id = any(${`{${f.mentioned.join(',')}}`}::bigint[])`);
    } else {
      // Accounts with very many followers are not pushed: their followers pull at read time.
      conditions.push(sql`not (coalesce((select st.pulled from account_stats st where st.account_id = ${f.accountId}), false) or exists (select 1 from flipped))`);
    }
    if (f.reblogOfId) conditions.push(sql`f.show_reblogs and f.account_id <> ${f.originalAuthor}`);
    if (f.inReplyToAccountId && f.inReplyToAccountId !== f.accountId) {
      conditions.push(sql`exists (select 1 from follows f2 where f2.account_id = f.account_id and f2.target_account_id = ${f.inReplyToAccountId})`);
    }
    if (f.language) conditions.push(sql`(f.languages is null or ${f.language} = any(f.languages))`);
    if (inactiveDays > 0) {
      // Followers away for long get no pushes: their feed is rebuilt when they come back.
      conditions.push(sql`(fu.last_active_at is null or fu.last_active_at >= now() - make_interval(days => ${inactiveDays}))`);
    }
    // An author who just passed the pull threshold is marked in the same statement; its update is
    // not visible to the rest of the statement, hence the look at `flipped`.
    const result = await db.execute<{ account_id: string }>(sql`
      with flipped as (
        update account_stats st set pulled = true
        where st.account_id = ${f.accountId} and not st.pulled and st.followers_count > ${pullThreshold}
        returning st.account_id
      )
      select a.id as account_id from accounts a where a.id = ${f.accountId} and a.domain is null
      union
      select f.account_id from follows f
        join accounts fa on fa.id = f.account_id and fa.domain is null and fa.suspended_at is null
        left join users fu on fu.account_id = f.account_id
      where f.target_account_id = ${f.accountId} and ${sql.join(conditions, sql` and `)}
        and not ${inExclusiveList(sql`f.account_id`, sql`${f.accountId}::bigint`)}
        -- Like Mastodon's feed filter: nothing from accounts a follower mutes or blocks, or that block them.
        and not exists (select 1 from mutes mu where mu.account_id = f.account_id and mu.target_account_id in ${involved}
                        and (mu.expires_at is null or mu.expires_at > now()))
        and not exists (select 1 from blocks b where (b.account_id = f.account_id and b.target_account_id in ${involved})
                        or (b.target_account_id = f.account_id and b.account_id in ${involved}))`);
    return result.rows.map((r) => String(r.account_id));
  }

  async function recipients(statusId: string): Promise<string[]> {
    const f = await live.facts(statusId);
    return f ? recipientsOf(f) : [];
  }

  /** Followers who asked to be notified (follow with notify=true) get a "status" notification for new posts. */
  async function notifySubscribers(statusId: string): Promise<void> {
    const result = await db.execute<{ follower: string; author: string }>(sql`
      select f.account_id as follower, s.account_id as author from statuses s
      join follows f on f.target_account_id = s.account_id and f.notify
      where s.id = ${statusId} and s.reblog_of_id is null and s.visibility in ('public', 'unlisted', 'private')
        and (s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id)`);
    await notifications.notify(
      db,
      result.rows.map((r) => ({ recipientId: r.follower, fromId: r.author, type: 'status' as const, statusId })),
    );
  }

  return {
    /**
     * Recipients, in one query: the author; local followers (for a reblog, those who want reblogs,
     * never the original's author; for a reply to someone else, only those who follow them too;
     * respecting a follow's language choice; none who mute or block an author involved); for a
     * direct message, only mentioned followers. Followers of accounts above the pull threshold are
     * left out: they read those posts at read time (see timelines.home).
     */
    recipients,

    /**
     * Open screens first: the live event goes out before the recipients are even read (streams
     * apply the same rules in memory); then the home feeds are written.
     */
    async status(statusId: string): Promise<number> {
      const facts = await live.facts(statusId);
      if (!facts) return 0;
      const [, list] = await Promise.all([live.statusPosted(facts), recipientsOf(facts)]);
      await Promise.all([live.directDelivered(facts, list), feeds.push(list, statusId)]);
      if (facts.hasSubscribers) await notifySubscribers(statusId);
      return list.length;
    },

    /** An edit reaches the same screens as the status did. */
    async edited(statusId: string): Promise<void> {
      const facts = await live.facts(statusId);
      if (facts) await live.statusEdited(facts, facts.visibility === 'direct' ? await recipientsOf(facts) : []);
    },

    /** A new follow brings the followed account's recent posts into the follower's feed. */
    async merge(accountId: string, authorId: string): Promise<void> {
      const result = await db.execute<{ id: string }>(sql`
        select s.id from statuses s
        where s.account_id = ${authorId} and s.visibility in ('public', 'unlisted', 'private')
          and (s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id)
        order by s.id desc limit ${MERGE_ON_FOLLOW}`);
      await feeds.merge(accountId, result.rows.map((r) => r.id));
    },

    /** A deleted status leaves the feeds it was delivered to. */
    async removed(statusId: string, accountIds: string[]): Promise<void> {
      await feeds.removeStatus(statusId, accountIds);
    },

    async unmerge(accountId: string, authorId: string): Promise<void> {
      await feeds.removeAuthor(accountId, authorId);
    },
  };
}

export type Fanout = ReturnType<typeof createFanout>;
