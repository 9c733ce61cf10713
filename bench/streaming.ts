// Live delivery at scale: N WebSocket clients, each a follower of one author with the user stream
// open; the author posts; we record how long each post takes to reach every client, and the server's
// memory per connection. N grows 1,000 → 5,000 → 10,000 within one run.
// Run: node bench/streaming.ts [--sizes 1000,5000,10000] [--posts 5] [--follows 200] [--web 2 with REDIS_URL]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { machine, percentile, seedAccounts, seedFollows, startServer } from './lib.ts';
import { endRun } from './run-end.ts';
import { benchDatabase } from './stores.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    posts: { type: 'string', default: '5' },
    // With --web N (N > 1) and REDIS_URL: N `parley web` processes share the clients, a `parley worker` fans out.
    web: { type: 'string', default: '1' },
    // Every client also follows this many other (silent) accounts: open home streams hold the
    // viewer's follows and listen to each followed author, so memory per connection grows with them.
    follows: { type: 'string', default: '0' },
  },
});
const webProcesses = Number(values.web);
if (webProcesses > 1 && !process.env.REDIS_URL) throw new Error('--web above 1 needs REDIS_URL (the processes share events through Redis)');
const sizes = values.sizes.split(',').map(Number);
const posts = Number(values.posts);
const max = Math.max(...sizes);

const store = await benchDatabase();
const { database } = store;
console.error(`seeding ${max} followers…`);
const author = await seedAccounts(database.pool, 'speaker', 1);
const crowd = await seedAccounts(database.pool, 'listener', max);
await seedFollows(database.pool, crowd.ids, author.ids[0]!);
const extraFollows = Number(values.follows);
if (extraFollows > 0) {
  console.error(`seeding ${extraFollows} more followed accounts for each listener…`);
  const others = await seedAccounts(database.pool, 'other', extraFollows);
  for (const id of others.ids) await seedFollows(database.pool, crowd.ids, id);
}
const extraEnv: Record<string, string> = process.env.PARLEY_BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.PARLEY_BENCH_SERVER_NODE_OPTIONS } : {};
const servers =
  webProcesses > 1
    ? [...(await Promise.all(Array.from({ length: webProcesses }, () => startServer(store, extraEnv, 'web')))), await startServer(store, extraEnv, 'worker')]
    : [await startServer(store, extraEnv)];
const server = servers[0]!;
const webServers = webProcesses > 1 ? servers.slice(0, webProcesses) : servers;
const wsUrls = webServers.map((s) => `${s.url.replace('http', 'ws')}/api/v1/streaming?stream=user`);

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

// The clients live in worker threads, so their work spreads over the cores.
const THREADS = 2;
// Each thread's clients go to one web process in turn (one process: all to it).
const workers = Array.from({ length: THREADS }, (_, i) => new Worker(new URL('./streaming-clients.ts', import.meta.url), { workerData: { url: wsUrls[i % wsUrls.length] } }));
const ask = <T>(worker: Worker, message: object, reply: string): Promise<T> =>
  new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      worker.off('message', onMessage);
      resolve(m as T);
    };
    worker.on('message', onMessage);
    worker.postMessage(message);
  });
let connected = 0;

async function connect(tokens: string[]): Promise<void> {
  const share = Math.ceil(tokens.length / THREADS);
  await Promise.all(workers.map((w, i) => ask(w, { type: 'connect', tokens: tokens.slice(i * share, (i + 1) * share) }, 'connected')));
  connected += tokens.length;
}

async function post(text: string): Promise<{ id: string; sent: number }> {
  const sent = performance.timeOrigin + performance.now();
  const r = await fetch(`${server.url}/api/v1/statuses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${author.tokens[0]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: text }),
  });
  if (!r.ok) throw new Error(`post failed ${r.status}`);
  return { id: ((await r.json()) as { id: string }).id, sent };
}

async function arrivals(id: string): Promise<number[]> {
  const replies = await Promise.all(workers.map((w) => ask<{ times: number[] }>(w, { type: 'collect', id }, 'arrivals')));
  return replies.flatMap((r) => r.times);
}

async function measure(): Promise<{ p50: number; p99: number; max: number; missing: number }> {
  const latencies: number[] = [];
  let missing = 0;
  for (let i = 0; i < posts; i++) {
    const { id, sent } = await post(`live update ${i} at ${new Date().toISOString()}`);
    // Give every client time to receive it, then gather the arrival times.
    await new Promise((r) => setTimeout(r, 3000));
    const times = await arrivals(id);
    missing += connected - times.length;
    latencies.push(...times.map((t) => t - sent));
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), missing };
}

try {
  await new Promise((r) => setTimeout(r, 1000));
  const rssAll = () => webServers.reduce((sum, s) => sum + rssMb(s.child.pid!), 0);
  const baseRss = rssAll();
  const rows: string[] = [];
  for (const size of sizes) {
    await connect(crowd.tokens.slice(connected, size));
    await new Promise((r) => setTimeout(r, 2000));
    await post('warm-up');
    await new Promise((r) => setTimeout(r, 1500));
    const rss = rssAll();
    const result = await measure();
    const perConnection = ((rss - baseRss) * 1024) / size;
    rows.push(
      `| ${size} | ${posts} | ${result.p50.toFixed(0)} ms | ${result.p99.toFixed(0)} ms | ${result.max.toFixed(0)} ms | ${result.missing} | ${rss.toFixed(0)} MB | ${perConnection.toFixed(1)} KB |`,
    );
    console.error(rows.at(-1));
  }
  console.log(
    `${machine()}, ${webProcesses > 1 ? `${webProcesses} web processes + 1 worker over Redis` : 'one process'}${process.env.REDIS_URL ? ', Redis bus' : ''}, each client follows ${1 + extraFollows} account(s)`,
  );
  console.log(`| connections | posts | delivery p50 | delivery p99 | slowest | missed | server RSS | RSS per connection (above idle ${baseRss.toFixed(0)} MB) |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  await Promise.all(workers.map((w) => ask(w, { type: 'close' }, 'closed')));
  await Promise.all(workers.map((w) => w.terminate()));
  await endRun();
}
