// Pushing posts into full Redis home feeds (800 entries, as the feeds of active followers are): the
// store checking every feed's size on every push (trimEvery 1, as before) against trimming one push
// in REDIS_TRIM_EVERY, in the same run, alternating, with Redis's CPU and Node's for each.
// A push is a fan-out batch's worth: 5 statuses to 2,000 feeds, each feed getting 1 to 3 of them.
// Run: node bench/redis-feed-push.ts [redis://127.0.0.1:6379] [--pushes 200]
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createRedisFeedStore, FEED_CAP, REDIS_TRIM_EVERY, type FeedEntry } from '../src/infra/feeds.ts';
import { cpuReading, cpuSince } from './lib.ts';
import { endRun, undoAtEnd } from './run-end.ts';
import { runRedisPrefix } from './stores.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { pushes: { type: 'string', default: '200' } } });
const redisUrl = positionals[0] ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(redisUrl);
undoAtEnd(() => redis.disconnect());
// Millions of feed entries: deleted when the run ends, however it ends.
const prefix = runRedisPrefix(redisUrl);
const accounts = Array.from({ length: 2000 }, (_, i) => String(1_000_000 + i * 7919));
let id = BigInt(Date.now() - 86_400_000) << 16n;
const nextId = () => (id += 1n + BigInt(Math.floor(Math.random() * 5000))).toString();

const stores = [1, REDIS_TRIM_EVERY].map((trimEvery) => ({ trimEvery, store: createRedisFeedStore(redis, `${prefix}${trimEvery}:`, undefined as never, { trimEvery }) }));
// Full feeds to begin with.
for (const { store } of stores) {
  const old = Array.from({ length: FEED_CAP }, nextId);
  for (const a of accounts) await store.merge(a, old);
}

/** A batch of 5 statuses, each to a different 40–60% of the accounts. */
function batch(): FeedEntry[] {
  return Array.from({ length: 5 }, () => {
    const share = 0.4 + Math.random() * 0.2;
    return { statusId: nextId(), accountIds: accounts.filter(() => Math.random() < share) };
  });
}

const pushes = Number(values.pushes);
const rows: string[] = [];
for (let round = 0; round < 4; round++) {
  for (const { trimEvery, store } of round % 2 === 0 ? stores : [...stores].reverse()) {
    const work = Array.from({ length: pushes }, batch);
    const entries = work.reduce((n, b) => n + b.reduce((m, e) => m + e.accountIds.length, 0), 0);
    const [redis0, node0, t0] = [cpuReading('redis-server'), process.cpuUsage(), performance.now()];
    for (const b of work) await store.push(b);
    const [redisMs, node1, t1] = [cpuSince(redis0), process.cpuUsage(node0), performance.now()];
    rows.push(
      `| trim every ${trimEvery} | ${((redisMs * 1000) / entries).toFixed(2)} µs | ${((node1.user + node1.system) / entries).toFixed(2)} µs | ${(((t1 - t0) * 1000) / entries).toFixed(2)} µs |`,
    );
  }
}
const sizes = await Promise.all(stores.map(({ trimEvery }) => redis.zcard(`${prefix}${trimEvery}:feed:home:${accounts[0]}`)));
console.log(`${pushes} pushes of 5 statuses to 2,000 full feeds per round; the first feed held ${sizes.join(' / ')} entries at the end`);
console.log('| store | Redis CPU per feed entry | Node CPU per feed entry | time per feed entry |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
await endRun();
