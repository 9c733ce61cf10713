// Fan-out on write: a new status goes into the home feeds of the local accounts that should see it.
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import type { FeedStore } from '../../infra/feeds.ts';
import type { Live } from '../live.ts';
import type { Notifications } from '../notifications/service.ts';

const MERGE_ON_FOLLOW = 40;

export function createFanout(deps: { db: Db; feeds: FeedStore; notifications: Notifications; live: Live; pullThreshold: number; inactiveDays: number }) {
  const { db, feeds, notifications, live, pullThreshold, inactiveDays } = deps;

  async function recipients(statusId: string): Promise<string[]> {
    await db.execute(sql`
      update account_stats st set pulled = true from statuses s
      where s.id = ${statusId} and st.account_id = s.account_id and not st.pulled and st.followers_count > ${pullThreshold}`);
    const result = await db.execute<{ account_id: string }>(sql`
      with s as (
        select s.*, o.account_id as original_author, coalesce(o.language, s.language) as lang
        from statuses s left join statuses o on o.id = s.reblog_of_id
        where s.id = ${statusId}
      )
      select s.account_id from s join accounts a on a.id = s.account_id where a.domain is null
      union
      select f.account_id from s
        join follows f on f.target_account_id = s.account_id
        join accounts fa on fa.id = f.account_id and fa.domain is null and fa.suspended_at is null
      where (s.visibility <> 'direct' or exists (select 1 from status_mentions m where m.status_id = s.id and m.account_id = f.account_id))
        -- Accounts with very many followers are not pushed: their followers pull at read time.
        and (s.visibility = 'direct' or not coalesce((select st.pulled from account_stats st where st.account_id = s.account_id), false))
        and (s.reblog_of_id is null or (f.show_reblogs and f.account_id <> s.original_author))
        and (s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id
             or exists (select 1 from follows f2 where f2.account_id = f.account_id and f2.target_account_id = s.in_reply_to_account_id))
        and (f.languages is null or s.lang is null or s.lang = any(f.languages))
        -- Followers away for long get no pushes: their feed is rebuilt when they come back.
        and (${inactiveDays} = 0 or not exists (select 1 from users fu where fu.account_id = f.account_id
                                               and fu.last_active_at < now() - make_interval(days => ${inactiveDays})))
        -- Like Mastodon's feed filter: nothing from accounts a follower mutes or blocks, or that block them.
        and not exists (select 1 from mutes mu where mu.account_id = f.account_id and mu.target_account_id in (s.account_id, s.original_author)
                        and (mu.expires_at is null or mu.expires_at > now()))
        and not exists (select 1 from blocks b where (b.account_id = f.account_id and b.target_account_id in (s.account_id, s.original_author))
                        or (b.target_account_id = f.account_id and b.account_id in (s.account_id, s.original_author)))`);
    return result.rows.map((r) => String(r.account_id));
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
     * Tells the recipients' open screens and writes their home feeds at the same time: the live
     * event carries the whole status, so screens need not wait for the feed rows.
     */
    async status(statusId: string): Promise<number> {
      const list = await recipients(statusId);
      await Promise.all([live.statusDelivered(statusId, list), feeds.push(list, statusId)]);
      await notifySubscribers(statusId);
      return list.length;
    },

    /** An edit reaches the same screens as the status did. */
    async edited(statusId: string): Promise<void> {
      await live.statusEdited(statusId, await recipients(statusId));
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
