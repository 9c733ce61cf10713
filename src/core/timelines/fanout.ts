// Fan-out on write: a new status goes into the home feeds of the local accounts that should see it
// (who they are: fanout-recipients), and the followers asking to be notified are.
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import type { Executor } from '../../infra/jobs.ts';
import type { AccountViews } from '../accounts/views.ts';
import type { FeedStore } from '../../infra/feeds.ts';
import type { Changes } from '../changes.ts';
import type { StatusViews } from '../statuses/views.ts';
import { recordDelivered } from '../conversations/record.ts';
import type { Live, StatusFacts } from '../live.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Audiences } from './audiences.ts';
import { countTagUses } from '../tags/counts.ts';
import { countReplies, countStatuses } from './fanout-count.ts';
import { createRecipients, follower } from './fanout-recipients.ts';
import { followShows, homeVisibility, inExclusiveList, storedStatus } from './home-rule.ts';

const MERGE_ON_FOLLOW = 40;

/** The batch queue new statuses wait in for their fan-out (see infra/batches). */
export const FANOUT_QUEUE = 'fanout';

/** Followers who asked to be notified (follow with notify=true) get a "status" notification for new posts. */
async function notifySubscribers(db: Db, notifications: Notifications, statusId: string): Promise<void> {
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

/**
 * The author's recent posts that the follower's home shows, by the home rule (home-rule: the
 * follow's choices, replies to accounts it follows, none while the author is in one of its
 * exclusive lists); none once the follow is gone.
 */
async function mergedOnFollow(db: Db, accountId: string, authorId: string): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    select s.id::text as id from follows f cross join statuses s
    where f.account_id = ${accountId} and f.target_account_id = ${authorId} and s.account_id = ${authorId}
      and not ${inExclusiveList(sql`f.account_id`, sql`f.target_account_id`)}
      and ${homeVisibility(sql`s.visibility`)}
      and ${followShows(follower, storedStatus)}
    order by s.id desc limit ${MERGE_ON_FOLLOW}`);
  return rows.map((r) => r.id);
}

export function createFanout(deps: {
  db: Db;
  feeds: FeedStore;
  notifications: Notifications;
  live: Live;
  accountViews: AccountViews;
  audiences: Audiences;
  changes: Changes;
  /** the kept status rows, which learn their parents' new reply counts */
  views: Pick<StatusViews, 'mark' | 'repliesCounted'>;
  pullThreshold: number;
  inactiveDays: number;
}) {
  const { db, feeds, notifications, live, accountViews, changes, views } = deps;
  const recipientsOf = createRecipients(deps);

  /** Live events first (streams apply the home rules in memory), then every feed row of the batch at once. */
  async function deliver(list: readonly StatusFacts[]): Promise<void> {
    // The authors' kept recent posts (those of pulled authors, see timelines/pulled) are forgotten
    // first: their followers' next home read shows the new ones.
    await changes.committed({ type: 'statuses.changed', postsOf: list.map((f) => f.accountId) });
    const [, byStatus] = await Promise.all([live.statusesPosted(list), recipientsOf(list)]);
    const entries = list.map((f) => ({ statusId: f.id, accountIds: byStatus.get(f.id) ?? [] }));
    const direct = async (f: StatusFacts) => live.directDelivered(f, byStatus.get(f.id) ?? [], await recordDelivered(db, f));
    await Promise.all([...list.filter((f) => f.visibility === 'direct').map(direct), feeds.push(entries)]);
    for (const f of list) if (f.hasSubscribers) await notifySubscribers(db, notifications, f.id);
  }

  /**
   * Counts the statuses on their authors' profiles, on their hashtags' days and featured tags, and
   * replies on their parents (in the batch's claim); once committed, the remembered profiles and
   * posts show it.
   */
  async function countOnly(statusIds: readonly string[], counting: Executor, facts?: readonly StatusFacts[]): Promise<(() => Promise<void>) | undefined> {
    const mark = accountViews.mark();
    const rowsMark = views.mark();
    // In the order a post's removal locks the same rows (see statuses/remove: the author's counts,
    // the hashtags' days, then the parent), so that a removal and a batch never wait for each other
    // in a circle.
    const counted = await countStatuses(counting, statusIds);
    await countTagUses(counting, statusIds);
    // Known facts spare the statement when the batch has no reply (most batches).
    const parents = !facts || facts.some((f) => f.inReplyToAccountId !== null) ? await countReplies(counting, statusIds) : new Map<string, number>();
    if (counted.length === 0 && parents.size === 0) return undefined;
    return async () => {
      if (counted.length > 0) accountViews.counted(counted, mark);
      // The parents' remembered rows show their new reply counts.
      if (parents.size > 0) await views.repliesCounted(parents, rowsMark);
    };
  }

  return {
    /**
     * Recipients, in one query: the author; local followers (for a reblog, those who want reblogs,
     * never the original's author; for a reply to someone else, only those who follow them too;
     * respecting a follow's language choice; none who mute or block an author involved); for a
     * direct message, only mentioned followers. Followers of accounts above the pull threshold are
     * left out: they read those posts at read time (see timelines.home).
     */
    async recipients(statusId: string): Promise<string[]> {
      const f = await live.facts(statusId);
      return f ? ((await recipientsOf([f])).get(f.id) ?? []) : [];
    },

    /** The recipients of several statuses at once, each computed as `recipients` would alone. */
    audiences: async (statusIds: readonly string[]): Promise<Map<string, string[]>> => recipientsOf(await live.factsOf(statusIds)),

    /**
     * New statuses, a batch at a time (see infra/batches). Open screens first: the live events go
     * out before the recipients are even read (streams apply the same rules in memory); then the
     * home feeds are written, all of the batch's rows at once.
     */
    async statuses(statusIds: readonly string[], counting?: Executor, known?: readonly StatusFacts[]): Promise<(() => Promise<void>) | undefined> {
      const list = known ?? (await live.factsOf(statusIds));
      if (list.length > 0) await deliver(list);
      // Counted last: the counts lock the authors' rows (and the parents' of replies) until the
      // batch commits, and nothing of the batch may wait for them meanwhile (the recipients query
      // marks pulled authors there).
      // Once committed, the authors' remembered profiles show the new counts (read nothing again).
      return counting ? countOnly(statusIds, counting, list) : undefined;
    },

    /** What fan-out owes statuses it gave up delivering: their counts (authors' profiles, hashtags, parents' replies). */
    countOnly: (statusIds: readonly string[], counting: Executor) => countOnly(statusIds, counting),

    /** An edit (or a poll's new counts, `version` then their moment) reaches the same screens as the status did. */
    async edited(statusId: string, version?: number): Promise<void> {
      const facts = await live.facts(statusId);
      if (facts) await live.statusEdited(facts, facts.visibility === 'direct' ? ((await recipientsOf([facts])).get(facts.id) ?? []) : [], version);
    },

    /** A new follow brings the followed account's recent posts that the follower's home shows into its feed. */
    merge: async (accountId: string, authorId: string): Promise<void> => feeds.merge(accountId, await mergedOnFollow(db, accountId, authorId)),

    /** A deleted status leaves the feeds it was delivered to. */
    removed: (statusIds: string[], accountIds: string[]): Promise<void> => feeds.removeStatus(statusIds, accountIds),

    unmerge: (accountId: string, authorId: string): Promise<void> => feeds.removeAuthor(accountId, authorId),
  };
}

export type Fanout = ReturnType<typeof createFanout>;
