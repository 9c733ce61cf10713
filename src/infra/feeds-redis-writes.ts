// Adding statuses to Redis home feeds, two ways behind one signature: a Lua script that writes up
// to a thousand feeds a call (what runs), and plain commands in a pipeline (the reference it must
// agree with: test/infra/feeds-agreement.test.ts).
import type { Redis } from 'ioredis';
import { FEED_CAP } from './feed-store.ts';

/** Feeds that all get the same entries (score and member pairs), and whether each is cut to the cap after. */
export interface FeedAdd {
  accountIds: readonly string[];
  entries: readonly string[];
  trim: boolean;
}

export type FeedWrites = (adds: readonly FeedAdd[]) => Promise<void>;

export interface FeedWritesOptions {
  /** the connection the writes go down */
  writer: Redis;
  key: (accountId: string) => string;
}

/**
 * One push script call writes this many feeds, and this many feed entries, at most: Redis runs a
 * script to its end with every other client waiting, and a call of a thousand feeds each getting a
 * batch's statuses held a request's command back for tens of milliseconds.
 */
const CALL_FEEDS = 1000;
const CALL_ENTRIES = 2000;

// A call takes groups, each some feeds (the next keys), the entries they all get, and whether to
// trim them. A trimmed feed is cut only when over the cap (ZCARD is O(1)).
const PUSH_SCRIPT = `
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

/**
 * The script: adding to a thousand feeds is one call, not two commands per feed (encoding 20,000
 * commands for a post to 10,000 followers cost more than Redis's work). Calls hold CALL_FEEDS feeds
 * and CALL_ENTRIES entries at most.
 */
export function scriptWrites({ writer, key }: FeedWritesOptions): FeedWrites {
  writer.defineCommand('parleyFeedPush', { lua: PUSH_SCRIPT });
  const feedPush = (writer as unknown as { parleyFeedPush(keys: number, ...args: string[]): Promise<number> }).parleyFeedPush.bind(writer);

  return async (adds) => {
    const calls: [number, ...string[]][] = [];
    let keys: string[] = [];
    let args: string[] = [];
    let work = 0;
    const flush = () => {
      if (keys.length > 0) calls.push([keys.length, ...keys, String(FEED_CAP), ...args]);
      [keys, args, work] = [[], [], 0];
    };
    for (const { accountIds, entries, trim } of adds) {
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
    }
    flush();
    // Two calls in flight: Redis runs a connection's pipelined calls back to back, and the others'
    // commands (every request's) wait meanwhile.
    let next = 0;
    const lane = async () => {
      while (next < calls.length) await feedPush(...calls[next++]!);
    };
    await Promise.all([lane(), lane()]);
  };
}

/** The reference: per feed a ZADD, and a ZREMRANGEBYRANK of all but the newest FEED_CAP when trimmed, pipelined. */
export function commandWrites({ writer, key }: FeedWritesOptions): FeedWrites {
  return async (adds) => {
    const pipeline = writer.pipeline();
    for (const { accountIds, entries, trim } of adds) {
      if (entries.length === 0) continue;
      for (const accountId of accountIds) {
        pipeline.zadd(key(accountId), ...entries);
        if (trim) pipeline.zremrangebyrank(key(accountId), 0, -(FEED_CAP + 1));
      }
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  };
}
