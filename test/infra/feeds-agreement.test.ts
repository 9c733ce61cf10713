// The Redis feed store's Lua script (infra/feeds-redis-writes) against its plain reference (the
// same writes as ordinary commands in a pipeline) and the PostgreSQL store: after each operation
// of a table (pushes, trims, merges of a new follow, an unfollow, a delete, a clear), every feed
// holds the same entries, and page reads with max_id, since_id and min_id give the same ids.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createPgFeedStore, createRedisFeedStore, FEED_CAP, type FeedPage, type FeedStore } from '../../src/infra/feeds.ts';
import { EXTERNAL_REDIS, startServer, type TestServer } from '../helpers/server.ts';

type Op = [string, (store: FeedStore) => Promise<void>];

describe('Redis feeds written by the script agree with plain commands and with PostgreSQL', { skip: !EXTERNAL_REDIS && 'no PARLEY_TEST_REDIS_URL' }, () => {
  let server: TestServer;
  let redis: Redis;
  const feeds = Array.from({ length: 4 }, () => String(1_000_000 + Math.floor(Math.random() * 1_000_000_000)));
  const crowd = Array.from({ length: 1_200 }, () => String(1_000_000 + Math.floor(Math.random() * 1_000_000_000)));
  const [a, b, c, full] = feeds as [string, string, string, string];
  const mine: string[] = [];
  let theirs: string[] = [];
  let authorId = '';
  let otherId = '';

  before(async () => {
    server = await startServer();
    const core = server.app.core;
    const make = (name: string) => core.accounts.insertUser({ username: name, email: `${name}@example.com`, password: 'long enough pw', locale: 'en', approved: true, confirmed: true });
    const [author, other] = [await make('agreeauthor'), await make('agreeother')];
    [authorId, otherId] = [author.account.id, other.account.id];
    for (let i = 0; i < 12; i++) mine.push((await core.statuses.post(author.account, author.user, { text: `mine ${i}` })).status.id);
    for (let i = 0; i < 4; i++) theirs.push((await core.statuses.post(other.account, other.user, { text: `theirs ${i}` })).status.id);
    const reblog = await core.statuses.reblog(author.account, theirs[0]!);
    theirs = [...theirs, reblog.status.id];
    await server.app.jobs.idle();
    redis = new Redis(EXTERNAL_REDIS!);
  });
  after(async () => {
    redis?.disconnect();
    await server.stop();
  });

  // Ids past the cap in ten milliseconds, many to a millisecond (scores tie, ids do not).
  const base = BigInt(Date.now()) << 16n;
  const many = Array.from({ length: FEED_CAP + 150 }, (_, i) => (base + (BigInt(Math.floor(i / 100)) << 16n) + BigInt(i % 100)).toString());
  const more = Array.from({ length: 60 }, (_, i) => (base + (20n << 16n) + BigInt(i)).toString());

  const ops: Op[] = [
    [
      'a batch, each status to its own feeds',
      (s) =>
        s.push([
          { statusId: mine[0]!, accountIds: [a, b] },
          { statusId: mine[1]!, accountIds: [] },
          { statusId: mine[2]!, accountIds: [b, c] },
          { statusId: theirs[1]!, accountIds: [a, c] },
        ]),
    ],
    [
      'a status to more feeds than one script call takes',
      (s) =>
        s.push([
          { statusId: mine[3]!, accountIds: [a, ...crowd] },
          { statusId: mine[4]!, accountIds: crowd.slice(0, 700) },
        ]),
    ],
    ['a new follow merges recent posts', (s) => s.merge(a, [...theirs, ...mine.slice(5)])],
    ['an unfollow removes the author and reblogs of them', (s) => s.removeAuthor(a, otherId)],
    ['deleted statuses leave the feeds that held them', (s) => s.removeStatus([mine[2]!, mine[7]!], [a, b, c])],
    [
      'merges past the cap keep the newest',
      async (s) => {
        for (let i = 0; i < many.length; i += 100) await s.merge(full, many.slice(i, i + 100));
      },
    ],
    [
      'pushes past the cap',
      async (s) => {
        for (let i = 0; i < 6; i++) await s.push(more.slice(10 * i, 10 * i + 10).map((statusId) => ({ statusId, accountIds: [full, c] })));
      },
    ],
    ['a follow merged into a full feed', (s) => s.merge(full, mine.slice(0, 6))],
    ['an author removed from a full feed', (s) => s.removeAuthor(full, authorId)],
    ['a cleared feed', (s) => s.clear(b)],
  ];

  const reads = (): FeedPage[] => [
    { limit: 20 },
    { limit: 5, maxId: mine[9]! },
    { limit: 5, sinceId: mine[3]! },
    { limit: 3, minId: mine[3]! },
    { limit: 4, maxId: mine[11]!, sinceId: mine[1]! },
    { limit: 40, maxId: many[500]!, minId: many[150]! },
    { limit: 40, sinceId: many[149]!, maxId: many[260]! },
  ];

  /** Every entry of a feed, newest first. */
  async function contents(store: FeedStore, owner: string): Promise<string[]> {
    const seen: string[] = [];
    for (let maxId: string | undefined; ; ) {
      const ids = await store.page(owner, { maxId, limit: 97 });
      if (ids.length === 0) return seen;
      seen.push(...ids);
      maxId = ids.at(-1);
    }
  }

  it('the same feeds after every operation of the table, and the same pages', async () => {
    const db = server.app.database.db;
    // Redis stores trim a feed on one push in eight, at random, which two stores cannot share: here
    // one pair trims on every push and one pair on none (merges always trim).
    const pairs = [1, Infinity].map((trimEvery) => {
      const [script, commands] = [`parley-test:${randomUUID()}:`, `parley-test:${randomUUID()}:`];
      return {
        prefixes: [script, commands],
        stores: [createRedisFeedStore(redis, script, db, { trimEvery }), createRedisFeedStore(redis, commands, db, { trimEvery, writes: 'commands' })] as const,
      };
    });
    const pg = createPgFeedStore(db);
    const owners = [...feeds, crowd[0]!, crowd[699]!, crowd[700]!, crowd[1_199]!];
    let fullest = 0;
    try {
      for (const [what, op] of ops) {
        for (const store of [...pairs.flatMap((p) => p.stores), pg]) await op(store);
        for (const [n, { prefixes, stores }] of pairs.entries()) {
          // The very same sorted sets, scores and all, and the same pages.
          for (const owner of owners) {
            const [script, commands] = await Promise.all(prefixes.map((p) => redis.zrange(`${p}feed:home:${owner}`, 0, -1, 'WITHSCORES')));
            assert.deepEqual(commands, script, `${what}: feed ${owner} in Redis (pair ${n})`);
          }
          for (const page of reads()) {
            const [script, commands] = await Promise.all(stores.map((store) => Promise.all(owners.map((o) => store.page(o, page)))));
            assert.deepEqual(commands, script, `${what}: pages ${JSON.stringify(page)} (pair ${n})`);
          }
        }
        // PostgreSQL trims a feed one push in TRIM_EVERY: past the cap it may hold some older
        // entries more, so it is held to the newest FEED_CAP, and its pages to feeds within the cap.
        const trimmed = pairs[0]!.stores[0];
        const [script, held] = await Promise.all([trimmed, pg].map((store) => Promise.all(owners.map((o) => contents(store, o)))));
        assert.deepEqual(
          held!.map((f) => f.slice(0, FEED_CAP)),
          script,
          `${what}: PostgreSQL's feeds against the script's`,
        );
        fullest = Math.max(fullest, ...script!.map((f) => f.length));
        const withinCap = owners.flatMap((_, i) => (held![i]!.length <= FEED_CAP ? [i] : []));
        for (const page of reads()) {
          const [fromScript, fromPg] = await Promise.all([trimmed, pg].map((store) => Promise.all(withinCap.map((i) => store.page(owners[i]!, page)))));
          assert.deepEqual(fromPg, fromScript, `${what}: PostgreSQL's pages ${JSON.stringify(page)}`);
        }
      }
      assert.equal(fullest, FEED_CAP, 'the table fills a feed past the cap');
    } finally {
      for (const p of pairs.flatMap((pair) => pair.prefixes)) for (const owner of owners) await redis.del(`${p}feed:home:${owner}`);
      for (const owner of owners) await pg.clear(owner);
    }
  });
});
