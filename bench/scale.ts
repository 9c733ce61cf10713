// Timelines at scale, on a graph made by bench/generate.ts: home timeline throughput, a celebrity's
// post reaching a follower's home, posting and fan-out for an author with ~10,000 followers; with the
// PostgreSQL feed store and, given --redis, the Redis one, side by side in one run.
// Run: node bench/scale.ts --data-dir ./data-bench --tokens bench-tokens.json [--redis redis://127.0.0.1:6379] [--seconds 10]
//   [--stores postgresql,redis]: which feed stores to measure (both by default when --redis is given)
//   [--burst-seconds N]: how long the posting burst lasts (default --seconds; 0 leaves it out: with
//   PostgreSQL feeds, a 10 s burst takes 15-30 minutes to drain at this scale)
// Each run works on a copy of the generated database, dropped at the end (and its Redis feeds are
// deleted): what a run posts and fans out (millions of feed rows) never reaches the next run.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/store/db.ts';
import { startEmbeddedPostgres } from '../src/store/embedded.ts';
import { drained, load, machine, percentile, startBare, startServer } from './lib.ts';
import { endRun, undoAtEnd } from './run-end.ts';
import { freshDatabase, runRedisPrefix } from './stores.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: './data-bench' },
    'database-url': { type: 'string' },
    tokens: { type: 'string', default: 'bench-tokens.json' },
    redis: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    stores: { type: 'string' },
    'burst-seconds': { type: 'string' },
  },
});
const duration = Number(values.seconds);
const burst = Number(values['burst-seconds'] ?? values.seconds);
const people = JSON.parse(fs.readFileSync(values.tokens, 'utf8')) as { celebrities: { id: string; token: string }[]; readers: { id: string; token: string }[] };
const generated = values['database-url'] ?? (await embeddedServer(path.resolve(values['data-dir'])));
const databaseUrl = await freshDatabase(generated, new URL(generated).pathname.slice(1));
const database = await openDatabase({ databaseUrl, dataDir: '' });
undoAtEnd(() => database.close());
const pool = database.pool;

/** The embedded PostgreSQL that bench/generate.ts filled, running until the run ends. */
async function embeddedServer(dataDir: string): Promise<string> {
  const embedded = await startEmbeddedPostgres(dataDir);
  undoAtEnd(() => embedded.stop());
  return embedded.url;
}

const graph = (
  await pool.query(`select (select count(*) from accounts)::int as accounts, (select count(*) from follows)::int as follows, (select count(*) from statuses)::int as statuses,
  (select max(followers_count) from account_stats)::int as top`)
).rows[0];
// A reader followed by 5,000–10,000 accounts posts in the fan-out scenario.
const ids = people.readers.map((r) => r.id);
const { rows: mid } = await pool.query(`select account_id from account_stats where account_id = any($1::bigint[]) and followers_count between 5000 and 10000 order by followers_count desc limit 1`, [
  `{${ids.join(',')}}`,
]);
const author = people.readers.find((r) => r.id === String(mid[0]?.account_id)) ?? people.readers.at(-1)!;
const authorFollowers = (await pool.query('select followers_count from account_stats where account_id = $1', [author.id])).rows[0]?.followers_count ?? 0;
const reader = people.readers[0]!;
const celebrity = people.celebrities[0]!;
const celebrityFollowers = (await pool.query('select followers_count from account_stats where account_id = $1', [celebrity.id])).rows[0]?.followers_count ?? 0;

const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
async function post(base: string, token: string, text: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/statuses`, { method: 'POST', headers: headers(token), body: JSON.stringify({ status: text }) });
  if (!r.ok) throw new Error(`post failed ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}
const jobsDrained = (): Promise<void> => drained(pool);

// The celebrities are pulled, as a live server's are once they have posted past the threshold
// (PARLEY_FANOUT_PULL_THRESHOLD, 50,000 by default): home reads below merge their posts.
const flipped = await pool.query('update account_stats set pulled = true where followers_count > $1 and not pulled', [Number(process.env.PARLEY_FANOUT_PULL_THRESHOLD ?? 50_000)]);
console.error(`${flipped.rowCount} accounts marked pulled`);
const pulledFollowed = (
  await pool.query('select count(*)::int as n from follows f join account_stats s on s.account_id = f.target_account_id and s.pulled where f.account_id = $1', [people.readers[0]!.id])
).rows[0].n as number;

const bare = await startBare();
const rows: string[] = [];
// Each figure is shown as soon as it is measured: a run at this scale takes half an hour.
const record = (row: string) => {
  rows.push(row);
  console.error(row);
};
const baseline = await load({ url: bare.url, connections: 64, duration, warmup: 2 });
record(`| bare node:http, fixed JSON | — | ${baseline.rps.toFixed(0)} req/s | p99 ${baseline.p99} ms | |`);

const stores = values.stores?.split(',') ?? (values.redis ? ['postgresql', 'redis'] : ['postgresql']);
if (stores.some((s) => s !== 'postgresql' && s !== 'redis') || (stores.includes('redis') && !values.redis)) throw new Error('--stores takes postgresql and redis (redis needs --redis)');
// Work left queued in the graph itself (by a run of an older scale.ts on it) is not this run's.
const leftover = await pool.query('delete from job_batches');
if (leftover.rowCount) console.error(`${leftover.rowCount} queued fan-out ids from an earlier run dropped`);
for (const store of stores) {
  const env: Record<string, string> = store === 'redis' ? { REDIS_URL: values.redis!, PARLEY_REDIS_PREFIX: runRedisPrefix(values.redis!) } : {};
  const server = await startServer({ env: { DATABASE_URL: databaseUrl, ...env } });
  try {
    // The first read rebuilds the reader's feed (an empty feed is rebuilt on read).
    let t = performance.now();
    await fetch(`${server.url}/api/v1/timelines/home`, { headers: headers(reader.token) });
    record(`| ${store}: first home read (feed rebuilt from ${graph.follows} follows) | — | ${(performance.now() - t).toFixed(0)} ms | | |`);

    const home = await load({ url: `${server.url}/api/v1/timelines/home`, connections: 64, duration, headers: headers(reader.token), warmup: 2 });
    record(
      `| ${store}: GET /api/v1/timelines/home (20, token; follows ${pulledFollowed} pulled accounts) | — | ${home.rps.toFixed(0)} req/s | p99 ${home.p99} ms | ${home.errors} errors, ${((home.rps / baseline.rps) * 100).toFixed(1)}% of bare |`,
    );

    const visible: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      const id = await post(server.url, celebrity.token, `celebrity post ${i}`);
      for (;;) {
        const r = await fetch(`${server.url}/api/v1/timelines/home?limit=5`, { headers: headers(reader.token) });
        if (((await r.json()) as { id: string }[]).some((s) => s.id === id)) break;
      }
      visible.push(performance.now() - t);
    }
    record(
      `| ${store}: post by an account with ${celebrityFollowers} followers → in a follower's home | 10 posts | p50 ${percentile(visible, 50).toFixed(0)} ms | p99 ${percentile(visible, 99).toFixed(0)} ms | |`,
    );

    const fanout: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      await post(server.url, author.token, `regular post ${i}`);
      await jobsDrained();
      fanout.push(performance.now() - t);
    }
    record(`| ${store}: post + fan-out complete, author with ${authorFollowers} followers | 10 posts | p50 ${percentile(fanout, 50).toFixed(0)} ms | p99 ${percentile(fanout, 99).toFixed(0)} ms | |`);

    if (burst === 0) continue;
    const writes = await load({ url: `${server.url}/api/v1/statuses`, method: 'POST', connections: 32, duration: burst, headers: headers(author.token), body: JSON.stringify({ status: 'load' }) });
    t = performance.now();
    await jobsDrained();
    record(
      `| ${store}: POST /api/v1/statuses, author with ${authorFollowers} followers | — | ${writes.rps.toFixed(0)} posts/s | p99 ${writes.p99} ms | fan-out queue drained ${((performance.now() - t) / 1000).toFixed(1)} s after |`,
    );
  } finally {
    await server.stop();
  }
}
await bare.stop();
console.log(`${machine()}; graph: ${graph.accounts} accounts, ${graph.follows} follows, ${graph.statuses} statuses, most-followed ${graph.top}`);
console.log('| scenario | runs | figure | latency | note |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
await endRun();
