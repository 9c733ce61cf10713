// What a home feed store is: lists of status ids per account, newest first, and the rules every
// store keeps (the cap, the page bounds). The stores themselves: feeds-pg.ts, feeds-redis.ts.

export interface FeedPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

export interface FeedEntry {
  statusId: string;
  accountIds: readonly string[];
}

export interface FeedStore {
  /** Adds statuses to feeds (fan-out of a batch): each status to its own accounts. */
  push(entries: readonly FeedEntry[]): Promise<void>;
  /** Adds many statuses to one feed (a new follow merges the followed account's recent posts). */
  merge(accountId: string, statusIds: readonly string[]): Promise<void>;
  /** Removes from one feed every status by an author, or reblogged from them (unfollow, block). */
  removeAuthor(accountId: string, authorId: string): Promise<void>;
  /** Removes deleted statuses from the feeds that held them. */
  removeStatus(statusIds: readonly string[], accountIds: readonly string[]): Promise<void>;
  /** Status ids, newest first (for minId: the ones just above minId, still newest first). */
  page(accountId: string, page: FeedPage): Promise<string[]>;
  /** Forgets a feed (a user back from a long absence: it is rebuilt when next read). */
  clear(accountId: string): Promise<void>;
}

/** Feeds keep the newest entries only; older posts are still on profiles and in the database. */
export const FEED_CAP = 800;
export const TRIM_EVERY = 200;
/** Redis feeds are trimmed by one push in this many, at random: a full feed holds the cap and a few pushes more. */
export const REDIS_TRIM_EVERY = 8;

/** The page's lower bound: the higher of min_id and since_id when both are given. */
export function lowerBound(p: FeedPage): string | undefined {
  if (p.minId && p.sinceId) return BigInt(p.minId) > BigInt(p.sinceId) ? p.minId : p.sinceId;
  return p.minId ?? p.sinceId;
}

/**
 * A batch's entries as groups of feeds that get the same statuses: a feed is written once a batch
 * (one ZADD of all its new statuses), and feeds with the same new statuses share their arguments.
 */
export function byFeed(entries: readonly FeedEntry[]): { accountIds: string[]; statusIds: string[] }[] {
  const statusesOf = new Map<string, string[]>();
  for (const e of entries) {
    for (const a of e.accountIds) {
      const list = statusesOf.get(a);
      if (list) list.push(e.statusId);
      else statusesOf.set(a, [e.statusId]);
    }
  }
  const groups = new Map<string, { accountIds: string[]; statusIds: string[] }>();
  for (const [accountId, statusIds] of statusesOf) {
    const key = statusIds.join(',');
    const group = groups.get(key);
    if (group) group.accountIds.push(accountId);
    else groups.set(key, { accountIds: [accountId], statusIds });
  }
  return [...groups.values()];
}
