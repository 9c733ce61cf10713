// Pushing one post into 10,000 Redis home feeds: the store's script call against the two pipelined
// commands per feed it replaced (kept here as the baseline), in the same run, with the Node CPU
// each costs. Run: node bench/redis-feed-push.ts [redis://127.0.0.1:6379]
import { Redis } from 'ioredis';
import { createRedisFeedStore, FEED_CAP } from '../src/infra/feeds.ts';
const redis = new Redis(process.argv[2] ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `bench-push:${Date.now()}:`;
const store = createRedisFeedStore(redis, prefix, undefined as never);
const accounts = Array.from({ length: 10000 }, (_, i) => String(1000 + i));
const key = (a: string) => `${prefix}old:feed:home:${a}`;
/** The way feeds were pushed before: ZADD and ZREMRANGEBYRANK for each feed, pipelined. */
async function oldPush(statusId: string) {
  const entries = [(BigInt(statusId) >> 16n).toString(), statusId.padStart(20, '0')];
  for (let i = 0; i < accounts.length; i += 1000) {
    const p = redis.pipeline();
    for (const a of accounts.slice(i, i + 1000)) { p.zadd(key(a), ...entries); p.zremrangebyrank(key(a), 0, -(FEED_CAP + 1)); }
    await p.exec();
  }
}
let id = BigInt(Date.now()) << 16n;
for (let round = 0; round < 3; round++) {
  for (const [name, fn] of [['old pipeline', oldPush], ['script', (s: string) => store.push([{ statusId: s, accountIds: accounts }])]] as const) {
    const t = performance.now(); const u = process.cpuUsage();
    for (let i = 0; i < 10; i++) await fn((id++).toString());
    const c = process.cpuUsage(u);
    console.log(`${name}: ${((performance.now() - t) / 10).toFixed(1)} ms per post to 10,000 feeds, node CPU ${((c.user + c.system) / 10 / 1000).toFixed(1)} ms`);
  }
}
const keys = await redis.keys(`${prefix}*`); for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
redis.disconnect();
