// Home feeds behind one interface: lists of status ids per account, newest first.
// PostgreSQL (the home_feeds table) for one process; Redis sorted sets when REDIS_URL is set.
import { asc, sql } from 'drizzle-orm';
import { homeFeeds } from '../store/schema/index.ts';
import type { Redis } from 'ioredis';
import type { Db } from '../store/db.ts';
import { createGroupCommit } from './group-commit.ts';

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

export function createPgFeedStore(db: Db): FeedStore {
  // Pages above min_id (read oldest first, then turned round): prepared once. A missing bound is
  // null, which the generic plan handles as well (a feed holds at most FEED_CAP rows, read by its
  // primary key).
  const pageUp = db
    .select({ id: homeFeeds.statusId })
    .from(homeFeeds)
    .where(
      sql`${homeFeeds.accountId} = ${sql.placeholder('account')}
        and (${sql.placeholder('below')}::bigint is null or ${homeFeeds.statusId} < ${sql.placeholder('below')}::bigint)
        and (${sql.placeholder('above')}::bigint is null or ${homeFeeds.statusId} > ${sql.placeholder('above')}::bigint)`,
    )
    .orderBy(asc(homeFeeds.statusId))
    .limit(sql.placeholder('limit'))
    .prepare('home_feed_page_up');
  // Pages read at the same moment (newest first, the way nearly every read goes) share one
  // statement, as posts do (infra/group-commit): in the embedded set-up a statement per home
  // read cost more in the socket writes and wake-ups of PostgreSQL than in its reading.
  const pagesDown = createGroupCommit(
    async (asks: { accountId: string; below: string | null; above: string | null; limit: number }[]) => {
      const list = (values: (string | number | null)[]) => `{${values.map((v) => v ?? 'NULL').join(',')}}`;
      const { rows } = await db.$client.query<{ i: string; id: string }>({
        name: 'home_feed_pages_down',
        text: PAGES_DOWN,
        values: [list(asks.map((a) => a.accountId)), list(asks.map((a) => a.below)), list(asks.map((a) => a.above)), list(asks.map((a) => a.limit))],
      });
      const pages = asks.map((): string[] => []);
      for (const r of rows) pages[Number(r.i) - 1]!.push(r.id);
      return pages;
    },
    { maxGroup: 64, concurrency: 2 },
  );

  /**
   * Cuts feeds down to FEED_CAP entries. Each feed's cut is found in its own index entries, and the
   * rows past it are deleted by their row ids: a join of the feeds against the whole table was
   * once planned as a scan of tens of millions of rows.
   */
  async function trim(accountIds: readonly string[]): Promise<void> {
    if (accountIds.length === 0) return;
    await db.execute(sql`
      delete from home_feeds where ctid = any(array(
        select old.ctid
        from (select a.id, (select f.status_id from home_feeds f where f.account_id = a.id order by f.status_id desc offset ${FEED_CAP} limit 1) as cut
              from unnest(${`{${[...new Set(accountIds)].join(',')}}`}::bigint[]) as a(id)) t
        cross join lateral (select h.ctid from home_feeds h where h.account_id = t.id and h.status_id <= t.cut) old))`);
  }

  return {
    async clear(accountId) {
      await db.execute(sql`delete from home_feeds where account_id = ${accountId}`);
    },

    async push(entries) {
      const accounts: string[] = [];
      const statuses: string[] = [];
      for (const e of entries) {
        for (const a of e.accountIds) {
          accounts.push(a);
          statuses.push(e.statusId);
        }
      }
      if (accounts.length === 0) return;
      await db.execute(sql`
        insert into home_feeds (account_id, status_id)
        select * from unnest(${`{${accounts.join(',')}}`}::bigint[], ${`{${statuses.join(',')}}`}::bigint[])
        on conflict do nothing`);
      // A trim reads a feed's FEED_CAP newest index entries to find the cut: after every push it
      // would cost more than the push. A feed is trimmed when the low digits of the pair add up to
      // a multiple of TRIM_EVERY, about one push in TRIM_EVERY (exactly one in a run of consecutive
      // ids), so it outgrows the cap by that many entries at most. One in 50 held fan-out to 10,000
      // full feeds at 3–5 posts a second (bench/scale.ts).
      await trim(accounts.filter((a, i) => (Number(a.slice(-6)) + Number(statuses[i]!.slice(-6))) % TRIM_EVERY === 0));
    },

    async merge(accountId, statusIds) {
      if (statusIds.length === 0) return;
      await db.execute(sql`
        insert into home_feeds (account_id, status_id)
        select ${accountId}::bigint, unnest(${`{${statusIds.join(',')}}`}::bigint[])
        on conflict do nothing`);
      await trim([accountId]);
    },

    async removeAuthor(accountId, authorId) {
      await db.execute(sql`
        delete from home_feeds h using statuses s
        left join statuses o on o.id = s.reblog_of_id
        where h.account_id = ${accountId} and h.status_id = s.id
          and (s.account_id = ${authorId} or o.account_id = ${authorId})`);
    },

    async removeStatus(statusIds, accountIds) {
      if (statusIds.length === 0 || accountIds.length === 0) return;
      // By primary key: the feeds the status went to, not a scan of every feed for the status.
      await db.execute(sql`
        delete from home_feeds where account_id = any(${`{${accountIds.join(',')}}`}::bigint[]) and status_id = any(${`{${statusIds.join(',')}}`}::bigint[])`);
    },

    async page(accountId, p) {
      if (!p.minId) return pagesDown.submit({ accountId, below: p.maxId ?? null, above: lowerBound(p) ?? null, limit: p.limit });
      const rows = await pageUp.execute({ account: accountId, below: p.maxId ?? null, above: lowerBound(p) ?? null, limit: p.limit });
      return rows.map((r) => r.id).reverse();
    },
  };
}

/** Newest-first pages of several feeds (account, below, above, limit per page), each page's ids tagged with its place. */
const PAGES_DOWN = `
  select q.i::text as i, f.status_id::text as id
  from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::int[]) with ordinality as q(account, below, above, lim, i)
  cross join lateral (
    select h.status_id from home_feeds h
    where h.account_id = q.account and (q.below is null or h.status_id < q.below) and (q.above is null or h.status_id > q.above)
    order by h.status_id desc limit q.lim
  ) f
  order by q.i, f.status_id desc`;

/** The page's lower bound: the higher of min_id and since_id when both are given. */
function lowerBound(p: FeedPage): string | undefined {
  if (p.minId && p.sinceId) return BigInt(p.minId) > BigInt(p.sinceId) ? p.minId : p.sinceId;
  return p.minId ?? p.sinceId;
}

/** Feeds keep the newest entries only; older posts are still on profiles and in the database. */
export const FEED_CAP = 800;
export const TRIM_EVERY = 200;
/** Redis feeds are trimmed by one push in this many, at random: a full feed holds the cap and a few pushes more. */
export const REDIS_TRIM_EVERY = 8;
/**
 * One push script call writes this many feeds, and this many feed entries, at most: Redis runs a
 * script to its end with every other client waiting, and a call of a thousand feeds each getting a
 * batch's statuses held a request's command back for tens of milliseconds.
 */
const CALL_FEEDS = 1000;
const CALL_ENTRIES = 2000;

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

/**
 * Redis sorted sets, one per account. Scores are the millisecond part of the snowflake id (exact in a
 * double, unlike the whole id), members are ids padded to 20 digits so ties within a millisecond sort
 * by id; pages read a little past the boundary millisecond and cut exactly in JavaScript.
 */
export function createRedisFeedStore(redis: Redis, prefix: string, db: Db, options: { trimEvery?: number; writer?: Redis } = {}): FeedStore {
  const trimEvery = options.trimEvery ?? REDIS_TRIM_EVERY;
  // Fan-out's writes go down a connection of their own: Redis answers each connection in order, so
  // on a shared one a request's command (a page read, a rate limit's lease) waited behind every
  // script already sent for a burst of posts (at scale, posting fell to ~75 a second while Node
  // sat idle).
  const writer = options.writer ?? redis;
  const key = (accountId: string) => `${prefix}feed:home:${accountId}`;
  const member = (id: string) => id.padStart(20, '0');
  /**
   * A member, read as bytes, to its id: a string cut out of a longer one (what replace or slice
   * make) is a view of it, and every Map the id then meets during hydration (rows, caches) hashes
   * and compares such a view about three times slower than a string of its own.
   */
  const idOfBytes = (m: Buffer) => {
    let i = 0;
    while (i < m.length - 1 && m[i] === 48) i++;
    return m.toString('latin1', i);
  };
  const ms = (id: string) => (BigInt(id) >> 16n).toString();

  // Adding to a thousand feeds is one script call, not two commands per feed: encoding 20,000
  // commands for a post to 10,000 followers cost more than Redis's work. A call takes groups, each
  // some feeds (the next keys), the entries they all get, and whether to trim them: a fan-out
  // batch's statuses go in one call. A trimmed feed is cut only when over the cap (ZCARD is O(1)).
  const pushScript = `
    local cap = tonumber(ARGV[1])
    local k, a = 1, 2
    while a <= #ARGV do
      local feeds, entries, trim = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), ARGV[a + 2] == '1'
      for f = k, k + feeds - 1 do
        redis.call('ZADD', KEYS[f], unpack(ARGV, a + 3, a + 2 + 2 * entries))
        if trim and redis.call('ZCARD', KEYS[f]) > cap then redis.call('ZREMRANGEBYRANK', KEYS[f], 0, -(cap + 1)) end
      end
      k, a = k + feeds, a + 3 + 2 * entries
    end
    return k - 1`;
  writer.defineCommand('parleyFeedPush', { lua: pushScript });
  const feedPush = (writer as unknown as { parleyFeedPush(keys: number, ...args: string[]): Promise<number> }).parleyFeedPush.bind(writer);

  /**
   * Each group's statuses into each of its group's feeds, in calls of CALL_FEEDS feeds and
   * CALL_ENTRIES entries at most. A feed is trimmed by one push in `trimEvery`, at random, and
   * always when `trimAll`: checking every feed on every push was a third of Redis's calls for a
   * post. (A rule on the ids instead could miss a feed for ever: one whose pushes come in step.)
   */
  async function add(groups: readonly { accountIds: readonly string[]; statusIds: readonly string[] }[], trimAll = false): Promise<void> {
    const calls: [number, ...string[]][] = [];
    let keys: string[] = [];
    let args: string[] = [];
    let work = 0;
    const flush = () => {
      if (keys.length > 0) calls.push([keys.length, ...keys, String(FEED_CAP), ...args]);
      [keys, args, work] = [[], [], 0];
    };
    const put = (accountIds: readonly string[], entries: readonly string[], trim: boolean) => {
      const statuses = entries.length / 2;
      for (let i = 0; i < accountIds.length; ) {
        // At least one feed a call, however many statuses it gets.
        const room = Math.max(1, Math.min(CALL_FEEDS - keys.length, Math.floor((CALL_ENTRIES - work) / statuses)));
        const take = accountIds.slice(i, i + room);
        keys.push(...take.map(key));
        args.push(String(take.length), String(statuses), trim ? '1' : '0', ...entries);
        work += take.length * statuses;
        i += take.length;
        if (keys.length >= CALL_FEEDS || work + statuses > CALL_ENTRIES) flush();
      }
    };
    for (const { accountIds, statusIds } of groups) {
      if (statusIds.length === 0) continue;
      const entries = statusIds.flatMap((id) => [ms(id), member(id)]);
      if (trimAll || trimEvery <= 1) {
        put(accountIds, entries, true);
        continue;
      }
      const [trimmed, kept]: [string[], string[]] = [[], []];
      for (const a of accountIds) (Math.random() * trimEvery < 1 ? trimmed : kept).push(a);
      if (trimmed.length > 0) put(trimmed, entries, true);
      if (kept.length > 0) put(kept, entries, false);
    }
    flush();
    // Two calls in flight: Redis runs a connection's pipelined calls back to back, and the others'
    // commands (every request's) wait meanwhile.
    let next = 0;
    const lane = async () => {
      while (next < calls.length) await feedPush(...calls[next++]!);
    };
    await Promise.all([lane(), lane()]);
  }

  return {
    push: (entries) => add(byFeed(entries)),
    merge: (accountId, statusIds) => add([{ accountIds: [accountId], statusIds }], true),

    async removeAuthor(accountId, authorId) {
      const members = await writer.zrangeBuffer(key(accountId), '0', '-1');
      if (members.length === 0) return;
      const list = `{${members.map(idOfBytes).join(',')}}`;
      const result = await db.execute<{ id: string }>(sql`
        select s.id from statuses s left join statuses o on o.id = s.reblog_of_id
        where s.id = any(${list}::bigint[]) and (s.account_id = ${authorId} or o.account_id = ${authorId})`);
      if (result.rows.length > 0) await writer.zrem(key(accountId), ...result.rows.map((r) => member(String(r.id))));
    },

    async clear(accountId) {
      await writer.del(key(accountId));
    },

    async removeStatus(statusIds, accountIds) {
      if (statusIds.length === 0) return;
      const members = statusIds.map(member);
      for (let i = 0; i < accountIds.length; i += 1000) {
        const pipeline = writer.pipeline();
        for (const accountId of accountIds.slice(i, i + 1000)) pipeline.zrem(key(accountId), ...members);
        await pipeline.exec();
      }
    },

    async page(accountId, p) {
      const above = lowerBound(p);
      const inRange = (id: string) => (!p.maxId || BigInt(id) < BigInt(p.maxId)) && (!above || BigInt(id) > BigInt(above));
      // The boundary millisecond may hold ids on both sides of the bound: read on until the page is
      // full. A page without bounds (the first, by far the most read) asks for exactly its size:
      // every extra member costs decoding on the reader's side.
      const found: string[] = [];
      const chunk = p.maxId || above ? p.limit + 8 : p.limit;
      for (let offset = 0; found.length < p.limit; offset += chunk) {
        const members = p.minId
          ? await redis.zrangebyscoreBuffer(key(accountId), ms(p.minId), p.maxId ? ms(p.maxId) : '+inf', 'LIMIT', offset, chunk)
          : await redis.zrevrangebyscoreBuffer(key(accountId), p.maxId ? ms(p.maxId) : '+inf', above ? ms(above) : '-inf', 'LIMIT', offset, chunk);
        for (const m of members) {
          const id = idOfBytes(m);
          if (inRange(id)) found.push(id);
        }
        if (members.length < chunk) break;
      }
      const page = found.slice(0, p.limit);
      return p.minId ? page.reverse() : page;
    },
  };
}
