// The home timeline's CPU cost counted in instructions, not seconds: on a shared, noisy machine
// wall-clock benches move by ±15 %, while callgrind's count of the same requests repeats to about
// 1 % (V8's background threads and GC timing are what still move it; --single-threaded keeps them
// on the main thread). The app runs in this process (no network: app.fetch, so neither the HTTP
// server nor the kernel is counted), from any checkout of Parley given as --checkout, so two versions
// are compared on the same seeded data shape (each on a database of its own: schemas differ).
//
//   node bench/home-instructions.ts seed --checkout DIR          prints a database URL (kept)
//   valgrind --tool=callgrind --instr-atstart=no --smc-check=all-non-file --separate-threads=yes \
//     --callgrind-out-file=OUT node --single-threaded --hash-seed=1 --random-seed=1 \
//     bench/home-instructions.ts measure --checkout DIR --database URL --requests 500 --windows 3
//   grep -h totals: OUT.1-01 OUT.2-01 OUT-01             instructions of each window (main thread)
//   node bench/home-instructions.ts drop --database URL
//
// Seeding: 100 readers following 40 authors, 400 posts (mentions, hashtags, links, a reblog in ten),
// as bench/home.ts seeds them. Measuring: a warm-up of home pages, then --windows windows of
// --requests pages read one after another, each by the next reader, on a virtual clock (see
// virtualClock); under callgrind the count is on (callgrind_control) for just those, dumped at the
// end of each window but the last (in the file written at exit: its `summary:` line is wrong, its
// `totals:` right). Node's --perf-basic-prof names the JIT's functions (/tmp/perf-PID.map) for
// callgrind's bare addresses. It prints process.cpuUsage() per request too.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    checkout: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
    database: { type: 'string' },
    server: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    requests: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '1500' },
    'accept-language': { type: 'string' },
    'us-per-request': { type: 'string', default: '118' },
    windows: { type: 'string', default: '1' },
  },
});
const mode = positionals[0];
const checkout = path.resolve(values.checkout);
const from = (file: string) => import(pathToFileURL(path.join(checkout, file)).href);
const READERS = 100;
const POSTS = 400;

/** A Parley app of `checkout` on `database`, in this process. */
async function openApp(database: string, worker: boolean) {
  const { createApp } = await from('src/app.ts');
  const { loadConfig } = await from('src/config.ts');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-instr-'));
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_ORIGIN: 'http://127.0.0.1:3999',
    PARLEY_DATA_DIR: dataDir,
    DATABASE_URL: database,
    PARLEY_RATE_LIMIT_API: '100000000/300',
    PARLEY_LOG_LEVEL: 'error',
  };
  const app = await createApp(loadConfig(env), { worker });
  return {
    app,
    async stop() {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type App = { fetch(request: Request): Response | Promise<Response> };
const origin = 'http://127.0.0.1:3999';
const headers = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  ...(values['accept-language'] ? { 'accept-language': values['accept-language'] } : {}),
});

async function call(app: App, method: string, url: string, token: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: headers(token), ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  return await app.fetch(new Request(`${origin}${url}`, init));
}

async function seed(): Promise<void> {
  const name = `parley_instr_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(values.server);
  url.pathname = `/${name}`;
  const database = url.toString();
  const { seedAccounts, seedFollows, drained } = await from('bench/lib.ts');
  const { app, stop } = await openApp(database, true);
  const pool = new pg.Pool({ connectionString: database });
  try {
    const reader = await seedAccounts(pool, 'reader', READERS);
    const authors = await seedAccounts(pool, 'author', 40);
    for (const id of authors.ids) await seedFollows(pool, reader.ids, id);
    const posted: string[] = [];
    for (let i = 0; i < POSTS; i++) {
      const a = i % authors.tokens.length;
      const status = i % 3 === 0 ? `Post ${i} for @reader0 about #parley and https://example.com/${i}` : `Post ${i}, plain words to read on the home timeline.`;
      const r = await call(app, 'POST', '/api/v1/statuses', authors.tokens[a], { status });
      if (!r.ok) throw new Error(`post failed: ${r.status} ${await r.text()}`);
      posted.push(((await r.json()) as { id: string }).id);
      if (i % 10 === 5) await call(app, 'POST', `/api/v1/statuses/${posted[i - 3]}/reblog`, authors.tokens[(a + 1) % authors.tokens.length]);
    }
    await drained(pool, 50);
    await pool.query('analyze');
    await pool.query(`create table if not exists instr_readers (token text)`);
    await pool.query(`insert into instr_readers select unnest($1::text[])`, [reader.tokens]);
  } finally {
    await pool.end();
    await stop();
  }
  console.log(database);
}

/**
 * From now on Date.now and performance.now tell the time of a server answering a request every
 * `usPerRequest` (call `tick` after each): under callgrind the process runs ~50 times slower, and
 * time-to-live caches would expire (and be read again) far more often per request than on a
 * server at full speed. The virtual clock makes the count the same whatever the run's speed.
 */
function virtualClock(usPerRequest: number): { tick(): void } {
  const dateStart = Date.now();
  const perfStart = performance.now();
  let elapsedMs = 0;
  Date.now = () => Math.floor(dateStart + elapsedMs);
  performance.now = () => perfStart + elapsedMs;
  return {
    tick() {
      elapsedMs += usPerRequest / 1000;
    },
  };
}

/** Switches callgrind's count on or off, or dumps what it counted so far (a file per window). */
function callgrind(what: 'on' | 'off' | 'dump'): boolean {
  const r = spawnSync('callgrind_control', [...(what === 'dump' ? ['-d'] : ['-i', what]), String(process.pid)], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes(`PID ${process.pid}`);
}

async function measure(): Promise<void> {
  const database = values.database;
  if (!database) throw new Error('--database URL (from seed) is needed');
  const pool = new pg.Pool({ connectionString: database });
  const tokens = (await pool.query('select token from instr_readers')).rows.map((r) => r.token as string);
  await pool.end();
  const { app, stop } = await openApp(database, false);
  let next = 0;
  let bytes = 0;
  const page = async () => {
    const r = await call(app, 'GET', '/api/v1/timelines/home', tokens[next++ % tokens.length]!);
    const text = await r.text();
    if (r.status !== 200) throw new Error(`home: ${r.status} ${text}`);
    bytes = text.length;
  };
  try {
    const clock = Number(values['us-per-request']) > 0 ? virtualClock(Number(values['us-per-request'])) : undefined;
    for (let i = 0; i < Number(values.warmup); i++) {
      await page();
      clock?.tick();
    }
    const n = Number(values.requests);
    const underCallgrind = callgrind('on');
    for (let w = 0; w < Number(values.windows); w++) {
      // Under callgrind each window's count is dumped to a file of its own (callgrind.out.N.1, .2, …).
      if (underCallgrind && w > 0) callgrind('dump');
      const cpu = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        await page();
        clock?.tick();
      }
      const used = process.cpuUsage(cpu);
      console.log(JSON.stringify({ checkout, window: w, requests: n, pageBytes: bytes, callgrind: underCallgrind, cpuUsPerRequest: Math.round((used.user + used.system) / n) }));
    }
    if (underCallgrind) callgrind('off');
  } finally {
    await stop();
  }
}

async function drop(): Promise<void> {
  const url = new URL(values.database!);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  await admin.end();
}

if (mode === 'seed') await seed();
else if (mode === 'measure') await measure();
else if (mode === 'drop') await drop();
else throw new Error('usage: home-instructions.ts seed|measure|drop --checkout DIR [--database URL]');
