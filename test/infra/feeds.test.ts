// The feed store contract, for both implementations: PostgreSQL always, Redis when it is available.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { byFeed, createPgFeedStore, createRedisFeedStore, FEED_CAP, REDIS_TRIM_EVERY, TRIM_EVERY, type FeedStore } from '../../src/infra/feeds.ts';
import { EXTERNAL_REDIS, startServer, type TestServer } from '../helpers/server.ts';

/** A feed owner no other test uses (feeds are keyed by id only). */
const randomOwner = () => String(1_000_000 + Math.floor(Math.random() * 1_000_000_000));

async function pageAll(store: FeedStore, accountId: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let maxId: string | undefined;
  for (;;) {
    const ids = await store.page(accountId, { maxId, limit });
    if (ids.length === 0) return seen;
    seen.push(...ids);
    maxId = ids.at(-1);
  }
}

describe('feed stores', () => {
  let server: TestServer;
  let redis: Redis | undefined;
  let reader: string;
  let author: string;
  let other: string;
  /** posts nothing, so its feed holds only what a test puts there */
  let quiet: string;
  const statusIds: string[] = [];
  const otherIds: string[] = [];

  before(async () => {
    server = await startServer();
    const core = server.app.core;
    const make = async (name: string) => core.accounts.insertUser({ username: name, email: `${name}@example.com`, password: 'long enough pw', locale: 'en', approved: true, confirmed: true });
    const r = await make('feedreader');
    const a = await make('feedauthor');
    const o = await make('feedother');
    const q = await make('feedquiet');
    [reader, author, other, quiet] = [r.account.id, a.account.id, o.account.id, q.account.id];
    for (let i = 0; i < 23; i++) statusIds.push((await core.statuses.post(a.account, a.user, { text: `post ${i}` })).status.id);
    for (let i = 0; i < 3; i++) otherIds.push((await core.statuses.post(o.account, o.user, { text: `other ${i}` })).status.id);
    await server.app.jobs.idle();
    if (EXTERNAL_REDIS) redis = new Redis(EXTERNAL_REDIS);
  });
  after(async () => {
    redis?.disconnect();
    await server.stop();
  });

  const stores = (): [string, FeedStore][] => [
    ['postgresql', createPgFeedStore(server.app.database.db)],
    ...(redis ? [['redis', createRedisFeedStore(redis, `parley-test:${randomUUID()}:`, server.app.database.db)] as [string, FeedStore]] : []),
  ];

  it('pages newest first with max_id, since_id and min_id, whatever the store', async () => {
    if (!redis) console.log('# feed stores: PARLEY_TEST_REDIS_URL unset, Redis store not tested here');
    const newest = [...statusIds].reverse();
    for (const [name, store] of stores()) {
      const feedOwner = reader;
      for (const id of statusIds) await store.push([{ statusId: id, accountIds: [feedOwner] }]);
      assert.deepEqual(await pageAll(store, feedOwner, 7), newest, `${name}: max_id paging`);
      assert.deepEqual(await store.page(feedOwner, { sinceId: statusIds[10], limit: 3 }), newest.slice(0, 3), `${name}: since_id gives the newest`);
      assert.deepEqual(await store.page(feedOwner, { minId: statusIds[10], limit: 3 }), [statusIds[13], statusIds[12], statusIds[11]], `${name}: min_id gives the next ones`);
      assert.deepEqual(await store.page(feedOwner, { maxId: statusIds[5], sinceId: statusIds[2], limit: 10 }), [statusIds[4], statusIds[3]], `${name}: both bounds`);
    }
  });

  it('removes an author (unfollow) and a deleted status', async () => {
    for (const [name, store] of stores()) {
      const owner = quiet;
      await store.merge(owner, [...statusIds.slice(0, 5), ...otherIds]);
      await store.removeAuthor(owner, other);
      assert.deepEqual(await store.page(owner, { limit: 40 }), [...statusIds.slice(0, 5)].reverse(), `${name}: the unfollowed author's posts are gone`);
      await store.removeStatus([statusIds[4]!], [owner]);
      assert.deepEqual(await store.page(owner, { limit: 40 }), [...statusIds.slice(0, 4)].reverse(), `${name}: the deleted status is gone`);
      await store.removeAuthor(owner, author);
      assert.deepEqual(await store.page(owner, { limit: 40 }), [], `${name}: empty again`);
    }
  });

  it('keeps the newest entries only, and pages exactly through ids made in the same millisecond', async () => {
    const base = BigInt(Date.now()) << 16n;
    // 100 ids per millisecond over 10 milliseconds: scores tie, ids do not.
    const ids = Array.from({ length: 1000 }, (_, i) => (base + (BigInt(Math.floor(i / 100)) << 16n) + BigInt(i % 100)).toString());
    for (const [name, store] of stores()) {
      const owner = randomOwner();
      for (let i = 0; i < ids.length; i += 100) await store.merge(owner, ids.slice(i, i + 100));
      const kept = await pageAll(store, owner, 33);
      assert.equal(kept.length, FEED_CAP, `${name}: capped`);
      assert.deepEqual(kept, [...ids].reverse().slice(0, FEED_CAP), `${name}: the newest kept`);
    }
  });

  it('PostgreSQL: pushes trim now and then, so a feed outgrows the cap by a few dozen entries at most', async () => {
    // Consecutive status ids: one push in TRIM_EVERY trims.
    const store = createPgFeedStore(server.app.database.db);
    const owner = randomOwner();
    const base = BigInt(Date.now()) << 16n;
    let most = 0;
    for (let i = 0; i < FEED_CAP + 4 * TRIM_EVERY; i++) {
      await store.push([{ statusId: (base + BigInt(i)).toString(), accountIds: [owner] }]);
      const { rows } = await server.app.database.pool.query('select count(*)::int as n from home_feeds where account_id = $1', [owner]);
      most = Math.max(most, rows[0].n);
    }
    assert.ok(most > FEED_CAP && most <= FEED_CAP + TRIM_EVERY, `the feed peaked at ${most} entries`);
    const kept = await store.page(owner, { limit: 1 });
    assert.deepEqual(kept, [(base + BigInt(FEED_CAP + 4 * TRIM_EVERY - 1)).toString()]);
  });

  it('Redis: pushes trim one time in REDIS_TRIM_EVERY, at random, so a feed outgrows the cap by a few pushes', { skip: !EXTERNAL_REDIS && 'no PARLEY_TEST_REDIS_URL' }, async () => {
    const prefix = `parley-test:${randomUUID()}:`;
    const store = createRedisFeedStore(redis!, prefix, server.app.database.db);
    const owner = randomOwner();
    const base = BigInt(Date.now()) << 16n;
    let most = 0;
    const pushes = FEED_CAP / 2 + 100 * REDIS_TRIM_EVERY;
    for (let i = 0; i < pushes; i++) {
      // Two statuses a push, as a batch often brings: the feed grows by two each time.
      await store.push([0, 1].map((k) => ({ statusId: (base + BigInt(2 * i + k)).toString(), accountIds: [owner] })));
      most = Math.max(most, await redis!.zcard(`${prefix}feed:home:${owner}`));
    }
    // 15 untrimmed pushes in a row have odds of one in seven; 200 (the bound here), 2.5e-12 at
    // each of some 1,200 pushes of the run.
    assert.ok(most > FEED_CAP + 2 * 2 && most <= FEED_CAP + 2 * 25 * REDIS_TRIM_EVERY, `the feed peaked at ${most} entries`);
    const last = 2 * pushes - 1;
    assert.deepEqual(await store.page(owner, { limit: 2 }), [(base + BigInt(last)).toString(), (base + BigInt(last - 1)).toString()]);
    await redis!.del(`${prefix}feed:home:${owner}`);
  });

  it('reads pages asked at the same moment together, each exactly as it reads alone', async () => {
    const owners = Array.from({ length: 12 }, () => randomOwner());
    const asks = owners.flatMap((owner, i) => [
      { owner, page: { limit: 1 + (i % 5) } },
      { owner, page: { maxId: statusIds[15]!, limit: 4 } },
      { owner, page: { sinceId: statusIds[3]!, maxId: statusIds[9]!, limit: 10 } },
      { owner, page: { minId: statusIds[18]!, limit: 2 } },
    ]);
    for (const [name, store] of stores()) {
      // Each feed holds a different slice of the statuses, one feed none.
      for (const [i, owner] of owners.entries()) if (i > 0) await store.merge(owner, statusIds.slice(i, i + 12));
      const alone = [];
      for (const a of asks) alone.push(await store.page(a.owner, a.page));
      const together = await Promise.all(asks.map((a) => store.page(a.owner, a.page)));
      assert.deepEqual(together, alone, `${name}: the same pages`);
      assert.deepEqual(alone[0], [], `${name}: the empty feed`);
      assert.ok(
        alone.some((p) => p.length > 1),
        `${name}: pages with statuses`,
      );
    }
  });

  it('splits a big push into calls of bounded work, every feed getting all its statuses', async () => {
    // 700 feeds getting 7 statuses each: 4,900 entries, three calls of at most 2,000.
    const crowd = Array.from({ length: 700 }, () => randomOwner());
    const seven = statusIds.slice(0, 7);
    for (const [name, store] of stores()) {
      await store.push(seven.map((statusId) => ({ statusId, accountIds: crowd })));
      for (const owner of [crowd[0]!, crowd[285]!, crowd[286]!, crowd[571]!, crowd[699]!]) assert.deepEqual(await store.page(owner, { limit: 10 }), [...seven].reverse(), `${name}: ${owner}`);
    }
  });

  it('pushes a batch of statuses, each to its own feeds, in one call (and past a thousand feeds a call)', async () => {
    const [a, b] = [randomOwner(), randomOwner()];
    const crowd = Array.from({ length: 1_500 }, () => randomOwner());
    const [s1, s2, s3] = [statusIds[0]!, statusIds[1]!, statusIds[2]!];
    for (const [name, store] of stores()) {
      // home_feeds takes ids of accounts that do not exist (feeds are not tied to accounts by a key)
      await store.push([
        { statusId: s1, accountIds: [a, b] },
        { statusId: s2, accountIds: [] },
        { statusId: s3, accountIds: [b, ...crowd] },
      ]);
      assert.deepEqual(await store.page(a, { limit: 10 }), [s1], `${name}: the first feed`);
      assert.deepEqual(await store.page(b, { limit: 10 }), [s3, s1], `${name}: a feed in two groups`);
      for (const owner of [crowd[0]!, crowd[998]!, crowd[999]!, crowd[1_499]!]) assert.deepEqual(await store.page(owner, { limit: 10 }), [s3], `${name}: feeds on both sides of a call`);
    }
  });

  it('groups a batch by feed: each feed written once, feeds with the same new statuses together', () => {
    const groups = byFeed([
      { statusId: '1', accountIds: ['a', 'b', 'c'] },
      { statusId: '2', accountIds: ['a', 'b'] },
      { statusId: '3', accountIds: [] },
      { statusId: '4', accountIds: ['c', 'd'] },
    ]);
    assert.deepEqual(groups, [
      { accountIds: ['a', 'b'], statusIds: ['1', '2'] },
      { accountIds: ['c'], statusIds: ['1', '4'] },
      { accountIds: ['d'], statusIds: ['4'] },
    ]);
  });
});
