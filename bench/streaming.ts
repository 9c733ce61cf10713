// Live delivery at scale: N WebSocket clients, each a follower of one author with the user stream
// open; the author posts; we record how long each post takes to reach every client, and the server's
// memory per connection. N grows 1,000 → 5,000 → 10,000 within one run.
// Run: node bench/streaming.ts [--sizes 1000,5000,10000] [--posts 5]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { benchDatabase, machine, percentile, seedAccounts, seedFollows, startServer } from './lib.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,5000,10000' }, posts: { type: 'string', default: '5' } } });
const sizes = values.sizes.split(',').map(Number);
const posts = Number(values.posts);
const max = Math.max(...sizes);

const { database, url: databaseUrl, cleanup } = await benchDatabase();
console.error(`seeding ${max} followers…`);
const author = await seedAccounts(database.pool, 'speaker', 1);
const crowd = await seedAccounts(database.pool, 'listener', max);
await seedFollows(database.pool, crowd.ids, author.ids[0]!);
const server = await startServer(databaseUrl);
const wsUrl = `${server.url.replace('http', 'ws')}/api/v1/streaming?stream=user`;

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

interface Listener {
  ws: WebSocket;
  /** status id → when its update arrived */
  seen: Map<string, number>;
}

const listeners: Listener[] = [];

async function connect(tokens: string[]): Promise<void> {
  for (let i = 0; i < tokens.length; i += 500) {
    await Promise.all(
      tokens.slice(i, i + 500).map(
        (token) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(wsUrl, [token], { perMessageDeflate: false });
            const listener: Listener = { ws, seen: new Map() };
            ws.on('message', (data) => {
              // Cheap on purpose: the clients share one process, their parsing must not be what we measure.
              const text = data.toString();
              const match = /\\"id\\":\\"(\d+)\\"/.exec(text);
              if (text.startsWith('{"stream":["user"],"event":"update"') && match) listener.seen.set(match[1]!, performance.now());
            });
            ws.once('open', () => {
              listeners.push(listener);
              resolve();
            });
            ws.once('error', reject);
          }),
      ),
    );
  }
}

async function post(text: string): Promise<{ id: string; sent: number }> {
  const sent = performance.now();
  const r = await fetch(`${server.url}/api/v1/statuses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${author.tokens[0]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: text }),
  });
  if (!r.ok) throw new Error(`post failed ${r.status}`);
  return { id: ((await r.json()) as { id: string }).id, sent };
}

async function measure(): Promise<{ p50: number; p99: number; max: number; missing: number }> {
  const latencies: number[] = [];
  let missing = 0;
  for (let i = 0; i < posts; i++) {
    const { id, sent } = await post(`live update ${i} at ${new Date().toISOString()}`);
    const deadline = performance.now() + 15_000;
    while (listeners.some((l) => !l.seen.has(id)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const l of listeners) {
      const at = l.seen.get(id);
      if (at === undefined) missing++;
      else latencies.push(at - sent);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), missing };
}

try {
  await new Promise((r) => setTimeout(r, 1000));
  const baseRss = rssMb(server.child.pid!);
  const rows: string[] = [];
  let connected = 0;
  for (const size of sizes) {
    await connect(crowd.tokens.slice(connected, size));
    connected = size;
    await new Promise((r) => setTimeout(r, 2000));
    await post('warm-up');
    await new Promise((r) => setTimeout(r, 1500));
    const rss = rssMb(server.child.pid!);
    const result = await measure();
    const perConnection = ((rss - baseRss) * 1024) / size;
    rows.push(`| ${size} | ${posts} | ${result.p50.toFixed(0)} ms | ${result.p99.toFixed(0)} ms | ${result.max.toFixed(0)} ms | ${result.missing} | ${rss.toFixed(0)} MB | ${perConnection.toFixed(1)} KB |`);
    console.error(rows.at(-1));
  }
  console.log(machine());
  console.log(`| connections | posts | delivery p50 | delivery p99 | slowest | missed | server RSS | RSS per connection (above idle ${baseRss.toFixed(0)} MB) |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  for (const l of listeners) l.ws.terminate();
  await server.stop();
  await cleanup();
}
