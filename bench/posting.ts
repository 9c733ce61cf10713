// Posting and reading: POST /api/v1/statuses throughput, home timeline throughput, and how long
// fan-out takes to reach every follower. Compare with the bare Node baseline from the same run.
// Run: node bench/posting.ts [--seconds 10] [--followers 10000] [--profile DIR] [--posts-only] [--writers 50,1]
//      [--web-processes N] (PARLEY_WEB_PROCESSES: N web processes on the port; needs REDIS_URL)
// (--posts-only skips the fan-out probes and the reads, so a profile shows posting alone)
// Uses the embedded PostgreSQL unless DATABASE_URL is set; REDIS_URL moves feeds to Redis. With either,
// the run has a database and key prefix of its own, gone at the end (stores.ts): runs can follow each other.
import { parseArgs } from 'node:util';
import { drained, load, machine, percentile, cpuReading, cpuSince, processKernelCpuMs, processTreeCpuMs, seedAccounts, seedFollows, startBare, startServer } from './lib.ts';
import { endRun } from './run-end.ts';
import { benchDatabase } from './stores.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    followers: { type: 'string', default: '10000' },
    profile: { type: 'string' },
    'posts-only': { type: 'boolean', default: false },
    writers: { type: 'string', default: '50,1' },
    'web-processes': { type: 'string', default: '1' },
  },
});
const duration = Number(values.seconds);
const followers = Number(values.followers);

const store = await benchDatabase();
const pool = store.database.pool;
const bare = await startBare();
console.error(`seeding ${followers} followers…`);
const big = await seedAccounts(pool, 'celebrity', 1);
// 50 regular authors with 100 followers each (slices of the crowd): posting load comes from many
// accounts, as it does on a real server, and once more from one account alone.
const AUTHORS = 50;
const small = await seedAccounts(pool, 'regular', AUTHORS);
const crowd = await seedAccounts(pool, 'fan', followers);
await seedFollows(pool, crowd.ids, big.ids[0]!);
for (let i = 0; i < AUTHORS; i++) {
  const from = (i * 100) % Math.max(1, crowd.ids.length - 100);
  await seedFollows(pool, crowd.ids.slice(from, from + 100), small.ids[i]!);
}
const server = await startServer(store, { PARLEY_WEB_PROCESSES: values['web-processes'], ...(values.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${values.profile}` } : {}) });
const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function post(token: string, text: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/statuses`, { method: 'POST', headers: auth(token), body: JSON.stringify({ status: text }) });
  if (!r.ok) throw new Error(`post failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

/**
 * Probes are posted one at a time, so the post's fan-out is done when the queue is empty again (a
 * job leaves the queue once every feed holds the post): the same measure for PostgreSQL and Redis
 * feeds. With PostgreSQL feeds the count of rows is checked too.
 */
async function untilDelivered(statusId: string, expected: number, started: number): Promise<number> {
  await drained(pool);
  const elapsed = performance.now() - started;
  if (!process.env.REDIS_URL) {
    const { rows } = await pool.query('select count(*)::int as n from home_feeds where status_id = $1', [statusId]);
    if (rows[0].n < expected) throw new Error(`status ${statusId} reached ${rows[0].n} feeds, not ${expected}`);
  }
  return elapsed;
}

try {
  const rows: string[] = [];
  // Fan-out latency: from the POST until the last follower's feed holds the post.
  const probes = [
    ['100 followers', small.tokens[0]!, 100],
    [`${followers} followers`, big.tokens[0]!, followers],
  ] as const;
  for (const [label, token, count] of values['posts-only'] ? [] : probes) {
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
  const home = values['posts-only'] ? undefined : await load({ url: `${server.url}/api/v1/timelines/home`, connections: 64, duration, headers: auth(reader) });
  if (home)
    rows.push(
      `| GET /api/v1/timelines/home (20 statuses, token) | ${home.rps.toFixed(0)} req/s | p50 ${home.p50} ms | p99 ${home.p99} ms | ${home.errors} | ${((home.rps / baseline.rps) * 100).toFixed(1)}% |`,
    );

  for (const authors of values.writers.split(',').map((n) => Math.min(AUTHORS, Math.max(1, Number(n))))) {
    // CPU per post counts the fan-out too: from the first POST until the queue is drained.
    const [server0, kernel0, pg0, redis0] = [processTreeCpuMs(server.child.pid!), processKernelCpuMs(server.child.pid!), cpuReading('postgres'), cpuReading('redis-server')];
    const writes = await load({
      url: `${server.url}/api/v1/statuses`,
      method: 'POST',
      connections: 32,
      duration,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'Benchmark post with a #hashtag and a link https://example.com/page' }),
      tokens: small.tokens.slice(0, authors),
    });
    const drainStart = performance.now();
    await drained(pool, 20);
    const drain = performance.now() - drainStart;
    const perPost = (ms: number) => ((ms * 1000) / writes.total).toFixed(0);
    const [serverUs, kernelUs, postgresUs, redisUs] = [
      perPost(processTreeCpuMs(server.child.pid!) - server0),
      perPost(processKernelCpuMs(server.child.pid!) - kernel0),
      perPost(cpuSince(pg0)),
      perPost(cpuSince(redis0)),
    ];
    const sustained = writes.total / (duration + drain / 1000);
    const who = authors === 1 ? 'one author' : `${authors} authors`;
    rows.push(
      `| POST /api/v1/statuses (${who}, 100 followers each) | ${writes.rps.toFixed(0)} posts/s | p50 ${writes.p50} ms | p99 ${writes.p99} ms | ${writes.errors} | fan-out queue drained ${drain.toFixed(0)} ms after the run (${sustained.toFixed(0)} posts/s with fan-out done); CPU per post with its fan-out: server ${serverUs} µs (first process in the kernel: ${kernelUs} µs), PostgreSQL ${postgresUs} µs${process.env.REDIS_URL ? `, Redis ${redisUs} µs` : ''} |`,
    );
  }

  console.log(machine());
  console.log('| scenario | throughput | latency | | errors | note |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  await endRun();
}
