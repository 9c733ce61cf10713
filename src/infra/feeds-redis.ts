// Home feeds in Redis: a sorted set per account, written by a Lua script (feeds-redis-writes.ts).
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../store/db.ts';
import { byFeed, lowerBound, REDIS_TRIM_EVERY, type FeedStore } from './feed-store.ts';
import { commandWrites, scriptWrites, type FeedAdd } from './feeds-redis-writes.ts';

/**
 * Redis sorted sets, one per account. Scores are the millisecond part of the snowflake id (exact in a
 * double, unlike the whole id), members are ids padded to 20 digits so ties within a millisecond sort
 * by id; pages read a little past the boundary millisecond and cut exactly in JavaScript.
 */
export function createRedisFeedStore(redis: Redis, prefix: string, db: Db, options: { trimEvery?: number; writer?: Redis; writes?: 'script' | 'commands' } = {}): FeedStore {
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

  const writes = (options.writes === 'commands' ? commandWrites : scriptWrites)({ writer, key });

  /**
   * Each group's statuses into each of its group's feeds. A feed is trimmed by one push in
   * `trimEvery`, at random, and always when `trimAll`: checking every feed on every push was a third
   * of Redis's calls for a post. (A rule on the ids instead could miss a feed for ever: one whose
   * pushes come in step.)
   */
  function add(groups: readonly { accountIds: readonly string[]; statusIds: readonly string[] }[], trimAll = false): Promise<void> {
    const adds: FeedAdd[] = [];
    for (const { accountIds, statusIds } of groups) {
      if (statusIds.length === 0) continue;
      const entries = statusIds.flatMap((id) => [ms(id), member(id)]);
      if (trimAll || trimEvery <= 1) {
        adds.push({ accountIds, entries, trim: true });
        continue;
      }
      const [trimmed, kept]: [string[], string[]] = [[], []];
      for (const a of accountIds) (Math.random() * trimEvery < 1 ? trimmed : kept).push(a);
      if (trimmed.length > 0) adds.push({ accountIds: trimmed, entries, trim: true });
      if (kept.length > 0) adds.push({ accountIds: kept, entries, trim: false });
    }
    return writes(adds);
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
