// Fedify's key-value store contract, for both of Parley's implementations: PostgreSQL always,
// Redis when PARLEY_TEST_REDIS_URL is set.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { KvStore } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import { Redis } from 'ioredis';
import { createPgKvStore, createRedisKvStore } from '../../src/federation/kv.ts';
import { EXTERNAL_REDIS, startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('Fedify key-value stores', () => {
  let server: TestServer;
  let redis: Redis | undefined;
  const stores: [string, () => KvStore][] = [];

  before(async () => {
    server = await startServer();
    if (EXTERNAL_REDIS) redis = new Redis(EXTERNAL_REDIS);
    stores.push(['postgresql', () => createPgKvStore(server.app.database.db)]);
    if (redis) stores.push(['redis', () => createRedisKvStore(redis!, `parley-test:${randomUUID()}:`)]);
    else console.log('# kv stores: PARLEY_TEST_REDIS_URL unset, Redis store not tested here');
  });
  after(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('gets, sets, expires, deletes, compares-and-swaps and lists by prefix', async () => {
    for (const [name, make] of stores) {
      const kv = make();
      const ns = randomUUID();
      assert.equal(await kv.get([ns, 'missing']), undefined, name);
      await kv.set([ns, 'doc', 'https://example.com/a'], { type: 'Note', n: 1 });
      assert.deepEqual(await kv.get([ns, 'doc', 'https://example.com/a']), { type: 'Note', n: 1 }, name);
      await kv.set([ns, 'doc', 'https://example.com/"quoted"'], 'text with "quotes" and \\ backslash');
      assert.equal(await kv.get([ns, 'doc', 'https://example.com/"quoted"']), 'text with "quotes" and \\ backslash', name);

      // Long enough to be read back at once on a loaded machine, short enough to see it expire.
      await kv.set([ns, 'short'], true, { ttl: Temporal.Duration.from({ milliseconds: 1000 }) as never });
      assert.equal(await kv.get([ns, 'short']), true, name);
      await eventually(async () => (await kv.get([ns, 'short'])) === undefined, 5_000, `${name}: expired`);

      assert.equal(await kv.cas!([ns, 'c'], undefined, 1), true, `${name}: cas on an absent key`);
      assert.equal(await kv.cas!([ns, 'c'], undefined, 2), false, `${name}: cas expecting absent on a present key`);
      assert.equal(await kv.cas!([ns, 'c'], 3, 2), false, `${name}: cas with a wrong expectation`);
      assert.equal(await kv.cas!([ns, 'c'], 1, 2), true, `${name}: cas with the right expectation`);
      assert.equal(await kv.get([ns, 'c']), 2, name);

      const listed: string[] = [];
      for await (const entry of kv.list([ns, 'doc'])) listed.push(entry.key.join('|'));
      assert.deepEqual(listed.sort(), [`${ns}|doc|https://example.com/"quoted"`, `${ns}|doc|https://example.com/a`].sort(), `${name}: list by prefix`);

      await kv.delete([ns, 'doc', 'https://example.com/a']);
      assert.equal(await kv.get([ns, 'doc', 'https://example.com/a']), undefined, name);
    }
  });
});
