// Fan-out on write: a new status goes into the home feeds of the local accounts that should see it.
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import type { Executor } from '../../infra/jobs.ts';
import type { AccountViews, CountedAuthor } from '../accounts/views.ts';
import type { FeedStore } from '../../infra/feeds.ts';
import type { Live, StatusFacts } from '../live.ts';
import type { Notifications } from '../notifications/service.ts';
import { directReaches, followShows, homeVisibility, inExclusiveList, notHidden, type FollowSql, type StatusSql } from './home-rule.ts';
import type { PulledAuthors } from './pulled.ts';
import { activeFollower, pushedTo, type Audiences } from './audiences.ts';

const MERGE_ON_FOLLOW = 40;

/** A batch's status and a follower of its author, as queryRecipients reads them (`p` given, `f` follows). */
const batchStatus: StatusSql = { notReblog: sql`not p.reblog`, originalAuthor: sql`p.original`, notReplyToOther: sql`p.reply_to is null`, replyTo: sql`p.reply_to`, language: sql`p.lang` };
const follower: FollowSql = { viewer: sql`f.account_id`, showReblogs: sql`f.show_reblogs`, languages: sql`f.languages` };

/** The batch queue new statuses wait in for their fan-out (see infra/batches). */
export const FANOUT_QUEUE = 'fanout';

/** A post whose recipients are its author's audience (see audiences): most posts. */
const ordinary = (f: StatusFacts): boolean => f.reblogOfId === null && f.visibility !== 'direct' && (f.inReplyToAccountId === null || f.inReplyToAccountId === f.accountId);

export function createFanout(deps: {
  db: Db;
  feeds: FeedStore;
  notifications: Notifications;
  live: Live;
  accountViews: AccountViews;
  pulled: PulledAuthors;
  audiences: Audiences;
  pullThreshold: number;
  inactiveDays: number;
}) {
  const { db, feeds, notifications, live, accountViews, pulled, audiences, pullThreshold, inactiveDays } = deps;

  /**
   * Marks the authors who now have more followers than the pull threshold, before their posts'
   * recipients are read: those posts are pulled, not pushed, and every home read must pull them from
   * now on (the cached answers of who is pulled are forgotten before the batch goes on).
   */
  async function markPulled(list: readonly StatusFacts[]): Promise<void> {
    const authors = [...new Set(list.filter((f) => f.visibility !== 'direct').map((f) => f.accountId))];
    if (authors.length === 0) return;
    // Never waits: this runs on a connection of its own, while the caller may hold an author's row
    // (a deletion uncounts its status before reading who received it). A row locked elsewhere is
    // marked by a later post; this one is pushed meanwhile, as before the author crossed.
    const { rows } = await db.execute(sql`
      update account_stats set pulled = true
      where account_id in (
        select account_id from account_stats where account_id = any(${`{${authors.join(',')}}`}::bigint[])
          and not pulled and followers_count > ${pullThreshold} for update skip locked)
      returning account_id::text`);
    if (rows.length > 0) await Promise.all([pulled.crossed(), audiences.forget(rows.map((r) => String(r.account_id)))]);
  }

  /**
   * The recipients of statuses whose facts are known: ordinary posts from their authors' audiences,
   * the others (reblogs, replies to others, direct messages) in one query for the batch.
   */
  async function recipientsOf(list: readonly StatusFacts[]): Promise<Map<string, string[]>> {
    if (list.length === 0) return new Map();
    await markPulled(list);
    const simple = list.filter(ordinary);
    const [byAuthor, others] = await Promise.all([simple.length > 0 ? audiences.of(simple.map((f) => f.accountId)) : new Map<string, never>(), queryRecipients(list.filter((f) => !ordinary(f)))]);
    for (const f of simple) {
      const audience = byAuthor.get(f.accountId);
      others.set(f.id, audience ? pushedTo(audience, f.accountId, f.language) : []);
    }
    return others;
  }

  /**
   * The recipients of statuses whose facts are known, in one query for a whole batch. Each status's
   * author and the other accounts involved are given as values, and each author's followers are
   * read through the follows index (a lateral join), so PostgreSQL reads exactly those followers
   * whatever its statistics say (without them, it once planned a scan of every account per batch).
   */
  async function queryRecipients(list: readonly StatusFacts[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>(list.map((f) => [f.id, []]));
    if (list.length === 0) return found;
    // A VALUES list, not a JSON document: PostgreSQL then knows how many statuses it reads, and
    // plans index look-ups for their followers instead of scanning accounts and users.
    const given = sql.join(
      list.map((f) => {
        const original = f.originalAuthor ?? f.accountId;
        const replyTo = f.inReplyToAccountId && f.inReplyToAccountId !== f.accountId ? f.inReplyToAccountId : null;
        return sql`(${f.id}::bigint, ${f.accountId}::bigint, ${original}::bigint, ${f.reblogOfId !== null}::boolean, ${replyTo}::bigint, ${f.language}::text, ${f.visibility === 'direct'}::boolean, ${`{${f.mentioned.join(',')}}`}::bigint[])`;
      }),
      sql`, `,
    );
    const active = activeFollower(inactiveDays);
    const result = await db.execute<{ status_id: string; account_id: string }>(sql`
      with given (status_id, author, original, reblog, reply_to, lang, direct, mentioned) as (values ${given}), p as (
        -- Accounts with very many followers are not pushed (their followers pull at read time),
        -- except their direct messages.
        select given.* from given left join account_stats st on st.account_id = given.author
        where given.direct or not coalesce(st.pulled, false)
      )
      select given.status_id, given.author as account_id from given where exists (select 1 from accounts a where a.id = given.author and a.domain is null)
      union
      select p.status_id, f.account_id from p
        -- offset 0 keeps the lateral join: each author's followers through the follows index
        cross join lateral (select f.account_id, f.show_reblogs, f.languages from follows f where f.target_account_id = p.author offset 0) f
        join accounts fa on fa.id = f.account_id and fa.domain is null and fa.suspended_at is null
        left join users fu on fu.account_id = f.account_id
      where ${directReaches(sql`p.direct`, sql`f.account_id`, sql`p.mentioned`)}
        and ${followShows(follower, batchStatus)}
        and ${active}
        and not ${inExclusiveList(sql`f.account_id`, sql`p.author`)}
        -- mutes and blocks of either author hide a reblog
        and ${notHidden(sql`f.account_id`, sql`in (p.author, p.original)`)}`);
    for (const r of result.rows) found.get(String(r.status_id))?.push(String(r.account_id));
    return found;
  }

  async function recipients(statusId: string): Promise<string[]> {
    const f = await live.facts(statusId);
    return f ? ((await recipientsOf([f])).get(f.id) ?? []) : [];
  }

  /**
   * New statuses counted on their authors' profiles: here, once per batch and author, not in each
   * post's transaction, where every post of one account waited for the last one's commit to
   * update the same row. Exactly once: `tx` is the batch's claim (see infra/batches); a status
   * deleted before its batch is taken out of the queue uncounted (see statuses/service uncount).
   * Returns the authors whose counts moved, with their new counts.
   */
  async function count(tx: Executor, statusIds: readonly string[]): Promise<CountedAuthor[]> {
    // Rows are locked in account order: two batches counting the same authors then wait for one
    // another instead of deadlocking (with the aggregate's own order, they deadlocked under load,
    // and each deadlock cost a second and a retry of the batch one id at a time).
    const { rows } = await tx.execute<{ account_id: string; statuses_count: number; followers_count: number; following_count: number; last_status_at: Date | string | null; revision: string }>(sql`
      insert into account_stats (account_id, statuses_count, last_status_at)
      select account_id, count(*), max(created_at) from statuses where id = any(${`{${statusIds.join(',')}}`}::bigint[]) group by account_id
      order by account_id
      on conflict (account_id) do update set
        statuses_count = account_stats.statuses_count + excluded.statuses_count,
        last_status_at = greatest(account_stats.last_status_at, excluded.last_status_at)
      returning account_id::text, statuses_count, followers_count, following_count, last_status_at, revision`);
    return rows.map((r) => ({
      accountId: r.account_id,
      counts: {
        statusesCount: r.statuses_count,
        followersCount: r.followers_count,
        followingCount: r.following_count,
        lastStatusAt: r.last_status_at === null ? null : new Date(r.last_status_at),
        revision: Number(r.revision),
      },
    }));
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

  /** Live events first (streams apply the home rules in memory), then every feed row of the batch at once. */
  async function deliver(list: StatusFacts[]): Promise<void> {
    // The authors' kept recent posts (those of pulled authors, see timelines/pulled) are forgotten
    // first: their followers' next home read shows the new ones.
    await pulled.postsChanged(list.map((f) => f.accountId));
    const [, byStatus] = await Promise.all([live.statusesPosted(list), recipientsOf(list)]);
    const entries = list.map((f) => ({ statusId: f.id, accountIds: byStatus.get(f.id) ?? [] }));
    await Promise.all([...list.map((f) => live.directDelivered(f, byStatus.get(f.id) ?? [])), feeds.push(entries)]);
    for (const f of list) if (f.hasSubscribers) await notifySubscribers(f.id);
  }

  /** Counts the statuses on their authors' profiles (in the batch's claim); once committed, the remembered profiles show it. */
  async function countOnly(statusIds: readonly string[], counting: Executor): Promise<(() => Promise<void>) | undefined> {
    const mark = accountViews.mark();
    const counted = await count(counting, statusIds);
    return counted.length > 0 ? () => accountViews.counted(counted, mark) : undefined;
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

    /** The recipients of several statuses at once, each computed as `recipients` would alone. */
    async audiences(statusIds: readonly string[]): Promise<Map<string, string[]>> {
      return recipientsOf(await live.factsOf(statusIds));
    },

    /**
     * New statuses, a batch at a time (see infra/batches). Open screens first: the live events go
     * out before the recipients are even read (streams apply the same rules in memory); then the
     * home feeds are written, all of the batch's rows at once.
     */
    async statuses(statusIds: readonly string[], counting?: Executor): Promise<(() => Promise<void>) | undefined> {
      const list = await live.factsOf(statusIds);
      if (list.length > 0) await deliver(list);
      // Counted last: the count locks the authors' rows until the batch commits, and nothing of the
      // batch may wait for them meanwhile (the recipients query marks pulled authors there).
      // Once committed, the authors' remembered profiles show the new counts (read nothing again).
      return counting ? countOnly(statusIds, counting) : undefined;
    },

    /** What fan-out owes statuses it gave up delivering: their count on their authors' profiles. */
    countOnly,

    /** An edit reaches the same screens as the status did. */
    async edited(statusId: string): Promise<void> {
      const facts = await live.facts(statusId);
      if (facts) await live.statusEdited(facts, facts.visibility === 'direct' ? ((await recipientsOf([facts])).get(facts.id) ?? []) : []);
    },

    /** A new follow brings the followed account's recent posts into the follower's feed. */
    async merge(accountId: string, authorId: string): Promise<void> {
      const result = await db.execute<{ id: string }>(sql`
        select s.id from statuses s
        where s.account_id = ${authorId} and ${homeVisibility(sql`s.visibility`)}
          and (s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id)
        order by s.id desc limit ${MERGE_ON_FOLLOW}`);
      await feeds.merge(
        accountId,
        result.rows.map((r) => r.id),
      );
    },

    /** A deleted status leaves the feeds it was delivered to. */
    async removed(statusIds: string[], accountIds: string[]): Promise<void> {
      await feeds.removeStatus(statusIds, accountIds);
    },

    async unmerge(accountId: string, authorId: string): Promise<void> {
      await feeds.removeAuthor(accountId, authorId);
    },
  };
}

export type Fanout = ReturnType<typeof createFanout>;
