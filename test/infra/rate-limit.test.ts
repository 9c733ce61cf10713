// Rate limits over Redis hand out leased points locally: never past the limit, exact counts for one
// process, and far fewer round trips for a busy client. (In memory there is nothing to lease.)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createRateLimiter } from '../../src/infra/rate-limit.ts';
import { EXTERNAL_REDIS } from '../helpers/server.ts';

describe('rate limits over Redis', { skip: EXTERNAL_REDIS ? false : 'needs PARLEY_TEST_REDIS_URL' }, () => {
  let redis: Redis;
  let other: Redis;
  const clients: Redis[] = [];
  const prefix = `parley-test:${randomUUID()}:`;
  before(() => {
    redis = new Redis(EXTERNAL_REDIS!);
    other = new Redis(EXTERNAL_REDIS!);
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    other.disconnect();
    for (const client of clients) client.disconnect();
  });

  it('counts a small limit exactly and refuses past it', async () => {
    const limiter = createRateLimiter({ redis, prefix });
    const rule = { points: 5, duration: 60 };
    const seen = [];
    for (let i = 0; i < 7; i++) {
      const r = await limiter.consume('api', 'small', rule);
      seen.push(`${r.allowed}:${r.remaining}`);
    }
    assert.deepEqual(seen, ['true:4', 'true:3', 'true:2', 'true:1', 'true:0', 'false:0', 'false:0']);
  });

  /** A client of its own that counts the commands it sends for one key (MONITOR would hear every
   * other test's commands on a shared Redis, and ioredis's monitor mode breaks under that load). */
  function countingClient(key: string) {
    const client = new Redis(EXTERNAL_REDIS!);
    let trips = 0;
    const send = client.sendCommand.bind(client);
    client.sendCommand = ((command: { args: unknown[] }, stream?: unknown) => {
      if (command.args.some((a) => String(a).includes(`${prefix}rl:`) && String(a).endsWith(`:${key}`))) trips++;
      return send(command as never, stream as never);
    }) as typeof client.sendCommand;
    clients.push(client);
    return { client, trips: () => trips };
  }

  it('serves a busy key from leases: exact remaining counts, a fraction of the round trips', async () => {
    const counted = countingClient('busy');
    const limiter = createRateLimiter({ redis: counted.client, prefix });
    const rule = { points: 1000, duration: 60 };
    const remaining: number[] = [];
    for (let i = 0; i < 100; i++) remaining.push((await limiter.consume('api', 'busy', rule)).remaining);
    assert.deepEqual(
      remaining,
      Array.from({ length: 100 }, (_, i) => 999 - i),
    );
    // Concurrent requests share a lease being taken.
    const burst = await Promise.all(Array.from({ length: 50 }, () => limiter.consume('api', 'busy', rule)));
    assert.ok(burst.every((r) => r.allowed));
    assert.deepEqual(
      burst.map((r) => r.remaining).sort((a, b) => b - a),
      Array.from({ length: 50 }, (_, i) => 899 - i),
    );
    const trips = counted.trips();
    assert.ok(trips > 0 && trips <= 20, `150 requests took ${trips} round trips`);
  });

  it('gives the requests waiting for a lease one lease for all of them', async () => {
    const counted = countingClient('crowd');
    const limiter = createRateLimiter({ redis: counted.client, prefix });
    const rule = { points: 100_000, duration: 60 };
    // 300 at once: the first takes one point, the 299 that queued behind it one lease together
    // (doubling from 1 up to 16 at a time took 21 round trips, one after another).
    const crowd = await Promise.all(Array.from({ length: 300 }, () => limiter.consume('api', 'crowd', rule)));
    assert.ok(crowd.every((r) => r.allowed));
    assert.deepEqual(
      crowd.map((r) => r.remaining).sort((a, b) => b - a),
      Array.from({ length: 300 }, (_, i) => 99_999 - i),
    );
    const trips = counted.trips();
    assert.ok(trips > 0 && trips <= 3, `300 waiting requests took ${trips} round trips`);
  });

  it('never lets a client past its limit across processes', async () => {
    const [one, two] = [createRateLimiter({ redis, prefix }), createRateLimiter({ redis: other, prefix })];
    const rule = { points: 40, duration: 60 };
    let allowed = 0;
    for (let i = 0; i < 80; i++) if ((await (i % 3 === 0 ? two : one).consume('api', 'shared', rule)).allowed) allowed++;
    assert.ok(allowed <= 40, `${allowed} allowed`);
    assert.ok(allowed >= 30, `only ${allowed} of 40 allowed: leases held back too much`);
  });
});

describe('failure counts: exact points, read without taking', () => {
  const stores: [string, () => { limiter: ReturnType<typeof createRateLimiter>; other: ReturnType<typeof createRateLimiter>; close(): void }][] = [
    [
      'memory',
      () => {
        const limiter = createRateLimiter({ prefix: 'test:' });
        return { limiter, other: limiter, close: () => {} };
      },
    ],
  ];
  const redisUrl = EXTERNAL_REDIS;
  if (redisUrl) {
    stores.push([
      'redis',
      () => {
        const [a, b] = [new Redis(redisUrl), new Redis(redisUrl)];
        const prefix = `parley-test:${randomUUID()}:`;
        return { limiter: createRateLimiter({ redis: a, prefix }), other: createRateLimiter({ redis: b, prefix }), close: () => (a.disconnect(), b.disconnect()) };
      },
    ]);
  }
  for (const [name, open] of stores) {
    it(`${name}: a count is seen at once by every process, and peeking takes nothing`, async () => {
      const { limiter, other, close } = open();
      try {
        const rule = { points: 3, duration: 60 };
        assert.deepEqual(await Promise.all([limiter.peek('f', 'k', rule), limiter.peek('f', 'k', rule)]).then((r) => r.map((x) => [x.allowed, x.remaining])), [
          [true, 3],
          [true, 3],
        ]);
        const counted = [];
        for (let i = 0; i < 4; i++) counted.push((await (i % 2 ? other : limiter).count('f', 'k', rule)).remaining);
        assert.deepEqual(counted, [2, 1, 0, 0]);
        const seen = await other.peek('f', 'k', rule);
        assert.equal(seen.allowed, false);
        assert.ok(seen.resetAt.getTime() > Date.now());
        assert.equal((await limiter.peek('f', 'another', rule)).allowed, true);
      } finally {
        close();
      }
    });
  }
});
