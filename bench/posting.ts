// Posting and reading: POST /api/v1/statuses throughput, home timeline throughput, and how long
// fan-out takes to reach every follower. Compare with the bare Node baseline from the same run.
// Run: node bench/posting.ts [--seconds 10] [--followers 10000]
import { parseArgs } from 'node:util';
import { benchDatabase, load, machine, percentile, seedAccounts, seedFollows, startBare, startServer } from './lib.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, followers: { type: 'string', default: '10000' } } });
const duration = Number(values.seconds);
const followers = Number(values.followers);

const { database, url: databaseUrl, cleanup } = await benchDatabase();
const pool = database.pool;
const bare = await startBare();
console.error(`seeding ${followers} followers…`);
const big = await seedAccounts(pool, 'celebrity', 1);
const small = await seedAccounts(pool, 'regular', 1);
const crowd = await seedAccounts(pool, 'fan', followers);
await seedFollows(pool, crowd.ids, big.ids[0]!);
await seedFollows(pool, crowd.ids.slice(0, 100), small.ids[0]!);
const server = await startServer(databaseUrl, process.env.PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.PROFILE_DIR}` } : {});
const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function post(token: string, text: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/statuses`, { method: 'POST', headers: auth(token), body: JSON.stringify({ status: text }) });
  if (!r.ok) throw new Error(`post failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

async function pendingJobs(): Promise<number> {
  const { rows } = await pool.query(`select count(*)::int as n from graphile_worker.jobs`);
  return rows[0].n as number;
}

async function untilDelivered(statusId: string, expected: number, started: number): Promise<number> {
  for (;;) {
    const { rows } = await pool.query('select count(*)::int as n from home_feeds where status_id = $1', [statusId]);
    if (rows[0].n >= expected) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
}

try {
  const rows: string[] = [];
  // Fan-out latency: from the POST until the last follower's feed holds the post.
  for (const [label, token, count] of [
    ['100 followers', small.tokens[0]!, 100],
    [`${followers} followers`, big.tokens[0]!, followers],
  ] as const) {
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const id = await post(token, `fan-out probe ${i} for ${label}`);
      latencies.push(await untilDelivered(id, count + 1, started));
    }
    rows.push(`| fan-out to ${label}, until the last home feed has it | 20 posts | p50 ${percentile(latencies, 50).toFixed(0)} ms | p99 ${percentile(latencies, 99).toFixed(0)} ms | | |`);
  }

  const baseline = await load({ url: bare.url, connections: 64, duration });
  rows.push(`| bare node:http, fixed JSON (20 items) | ${baseline.rps.toFixed(0)} req/s | p50 ${baseline.p50} ms | p99 ${baseline.p99} ms | ${baseline.errors} | 100% |`);

  const reader = crowd.tokens[0]!;
  const home = await load({ url: `${server.url}/api/v1/timelines/home`, connections: 64, duration, headers: auth(reader) });
  rows.push(`| GET /api/v1/timelines/home (20 statuses, token) | ${home.rps.toFixed(0)} req/s | p50 ${home.p50} ms | p99 ${home.p99} ms | ${home.errors} | ${((home.rps / baseline.rps) * 100).toFixed(1)}% |`);

  const writes = await load({
    url: `${server.url}/api/v1/statuses`,
    method: 'POST',
    connections: 32,
    duration,
    headers: auth(small.tokens[0]!),
    body: JSON.stringify({ status: 'Benchmark post with a #hashtag and a link https://example.com/page' }),
  });
  const drainStart = performance.now();
  while ((await pendingJobs()) > 0) await new Promise((r) => setTimeout(r, 20));
  const drain = performance.now() - drainStart;
  rows.push(`| POST /api/v1/statuses (author with 100 followers) | ${writes.rps.toFixed(0)} posts/s | p50 ${writes.p50} ms | p99 ${writes.p99} ms | ${writes.errors} | fan-out queue drained ${drain.toFixed(0)} ms after the run |`);

  console.log(machine());
  console.log('| scenario | throughput | latency | | errors | note |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  bare.stop();
  await server.stop();
  await cleanup();
}
