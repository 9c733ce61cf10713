// Shared pieces of the benchmarks: a Parley server process, seeding, load runs (each run's own
// database and Redis prefix are in stores.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashSecret } from '../src/core/auth/secrets.ts';
import { undoAtEnd } from './run-end.ts';
import type { BenchStore } from './stores.ts';

export const root = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Waits until the URL answers, as long as `alive` says the server that should answer is running. */
export async function waitFor(url: string, alive: () => boolean = () => true): Promise<void> {
  for (;;) {
    if (!alive()) throw new Error(`the server for ${url} stopped before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startServer(
  store: BenchStore,
  env: Record<string, string> = {},
  role: 'start' | 'web' | 'worker' = 'start',
  /** another checkout of Parley to run instead of this one (a same-run comparison) */
  checkout: string = root,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  // Seeded rows are fresh to the planner: without statistics it plans for empty tables (scans
  // inside nested loops). A server that grew gradually has them from autovacuum; give them now.
  const stats = new pg.Client({ connectionString: store.env.DATABASE_URL });
  await stats.connect();
  await stats.query('analyze');
  await stats.end();
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(checkout, 'src/main.ts'), role], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PARLEY_ORIGIN: `http://127.0.0.1:${port}`, PARLEY_RATE_LIMIT_API: '100000000/300', ...store.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = stopAtEnd(child);
  const url = `http://127.0.0.1:${port}`;
  // A server that exits while starting (a bad option, a port taken) fails the run instead of hanging it.
  if (role !== 'worker') await waitFor(`${url}/api/v1/instance`, running);
  // More web processes start after the first is ready: load must not begin before they listen, or
  // every connection lands on the first.
  const others = Math.max(0, Number(env.PARLEY_WEB_PROCESSES ?? 1) - 1);
  for (let t0 = Date.now(); others > 0 && childPids(child.pid!).length < others; ) {
    if (Date.now() - t0 > 60_000) throw new Error('the other web processes did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  if (others > 0) await waitForListeners(port, others + 1);
  return { url, child, stop };
}

/** Stops a server process with SIGTERM when the run ends (or when the function returned is called). */
export function stopAtEnd(child: ChildProcess): () => Promise<void> {
  return undoAtEnd(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });
}

const TWENTY_ITEMS = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id: String(i), content: '<p>fixed</p>' })));

/** The baseline: a bare node:http server in its own process answering fixed JSON (20 short items unless told). */
export async function startBare(body: string = TWENTY_ITEMS): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const code = `require('node:http').createServer((q, s) => { s.writeHead(200, {'content-type': 'application/json'}); s.end(${JSON.stringify(body)}); }).listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const stop = undoAtEnd(() => child.kill());
  await waitFor(url);
  return { url, stop };
}

/**
 * Seeds `count` local accounts with one shared password hash and a known token each, in a few
 * big statements (creating them through the API would spend minutes hashing passwords).
 */
export async function seedAccounts(client: pg.Pool, prefix: string, count: number): Promise<{ ids: string[]; tokens: string[] }> {
  const app = await client.query(
    `insert into oauth_apps (id, name, redirect_uris, scopes, client_id, client_secret)
     values ((extract(epoch from clock_timestamp()) * 1000)::bigint << 16 | (random() * 65535)::int, 'bench', '{urn:ietf:wg:oauth:2.0:oob}', '{read,write,follow}', $1, 'secret')
     returning id`,
    [`bench-${prefix}-${Date.now()}`],
  );
  const appId = app.rows[0].id as string;
  const tokens = Array.from({ length: count }, (_, i) => `bench-${prefix}-${i}-${Math.random().toString(36).slice(2)}`);
  const base = BigInt(Date.now() - 86_400_000) << 16n;
  const ids = Array.from({ length: count }, (_, i) => (base + BigInt(Math.floor(Math.random() * 1e6)) * 65536n + BigInt(i)).toString());
  const settings = JSON.stringify({ defaultVisibility: 'public', defaultSensitive: false, defaultLanguage: null, expandMedia: 'default', expandSpoilers: false });
  for (let start = 0; start < count; start += 5000) {
    const slice = ids.slice(start, start + 5000);
    const names = slice.map((_, i) => `${prefix}${start + i}`);
    await client.query(`insert into accounts (id, username) select * from unnest($1::bigint[], $2::text[])`, [slice, names]);
    await client.query(
      `insert into users (id, account_id, email, password_hash, settings)
       select a.id + 1, a.id, a.name || '@bench.example', 'scrypt$1$1$1$x$x', $3::jsonb from unnest($1::bigint[], $2::text[]) as a(id, name)`,
      [slice, names, settings],
    );
    await client.query(
      `insert into oauth_tokens (id, token_hash, app_id, user_id, scopes)
       select a.id + 2, a.hash, $3, a.id + 1, '{read,write,follow}' from unnest($1::bigint[], $2::text[]) as a(id, hash)`,
      [slice, tokens.slice(start, start + 5000).map(hashSecret), appId],
    );
  }
  return { ids, tokens };
}

/** Makes every follower follow the target, and counts them on its profile. */
export async function seedFollows(client: pg.Pool, followerIds: string[], targetId: string): Promise<void> {
  for (let start = 0; start < followerIds.length; start += 10_000) {
    const slice = followerIds.slice(start, start + 10_000);
    await client.query(
      `insert into follows (id, account_id, target_account_id)
       select ($3::bigint << 16) + f.n, f.id, $2 from unnest($1::bigint[]) with ordinality as f(id, n) on conflict do nothing`,
      [slice, targetId, Date.now() * 1000 + Math.floor(Math.random() * 1000) + start],
    );
  }
  await client.query(`insert into account_stats (account_id, followers_count) values ($1, $2) on conflict (account_id) do update set followers_count = $2`, [targetId, followerIds.length]);
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

/** What a load run sends: one URL, and the bearer tokens to take in turn per request, if any. */
export interface LoadOptions {
  url: string;
  connections: number;
  /** seconds */
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  tokens?: readonly string[];
  /** seconds of the same load run first and not counted: JIT compilation and cold caches */
  warmup?: number;
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => fs.existsSync(p));

/** Which load generator runs: wrk (C, ~a tenth of autocannon's CPU, leaving the cores to the server) when installed. */
export const loadTool = process.env.PARLEY_BENCH_LOAD === 'autocannon' || !WRK ? 'autocannon' : 'wrk';

export async function load(options: LoadOptions): Promise<LoadResult> {
  const run = (o: LoadOptions) => (loadTool === 'wrk' ? loadWithWrk(o) : loadWithAutocannon(o));
  if (options.warmup) await run({ ...options, duration: options.warmup });
  return run(options);
}

function loadWithAutocannon(options: LoadOptions): Promise<LoadResult> {
  const { tokens, warmup: _, ...rest } = options;
  let turn = 0;
  const signed = (request: { headers?: Record<string, string> }) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${tokens![turn++ % tokens!.length]}` } });
  const requests = tokens && tokens.length > 0 ? [{ setupRequest: signed }] : undefined;
  return new Promise((resolve, reject) => {
    autocannon({ ...rest, ...(requests ? { requests: requests as never } : {}) }, (err, r) =>
      err ? reject(err) : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, total: r.requests.total }),
    );
  });
}

/** wrk with a Lua script written for the run: the method, headers, body and rotating tokens, and a JSON summary at the end. */
async function loadWithWrk(options: LoadOptions): Promise<LoadResult> {
  const lua = (v: string) => JSON.stringify(v); // a JSON string literal is a valid Lua string literal for these values
  const headers = Object.entries(options.headers ?? {})
    .map(([k, v]) => `[${lua(k)}] = ${lua(v)}`)
    .join(', ');
  const script = `
local tokens = { ${(options.tokens ?? []).map(lua).join(', ')} }
local headers = { ${headers} }
local turn = 0
local method, body = ${lua(options.method ?? 'GET')}, ${options.body === undefined ? 'nil' : lua(options.body)}
request = function()
  if #tokens > 0 then
    turn = turn + 1
    headers["authorization"] = "Bearer " .. tokens[(turn % #tokens) + 1]
  end
  return wrk.format(method, nil, headers, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nPARLEY {"total":%d,"us":%d,"p50":%d,"p99":%d,"errors":%d}\\n', summary.requests, summary.duration,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99)), e.connect + e.read + e.write + e.status + e.timeout))
end
`;
  const file = path.join(os.tmpdir(), `parley-wrk-${process.pid}-${Date.now()}.lua`);
  fs.writeFileSync(file, script);
  try {
    const args = ['-t', String(Math.min(2, options.connections)), '-c', String(options.connections), '-d', `${options.duration}s`, '--timeout', '10s', '-s', file, options.url];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(WRK!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))));
    });
    const line = out.split('\n').find((l) => l.startsWith('PARLEY '));
    if (!line) throw new Error(`wrk printed no summary: ${out}`);
    const r = JSON.parse(line.slice('PARLEY '.length)) as { total: number; us: number; p50: number; p99: number; errors: number };
    const ms = (us: number) => Math.round(us / 100) / 10;
    return { rps: r.total / (r.us / 1e6), p50: ms(r.p50), p99: ms(r.p99), errors: r.errors, total: r.total };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function machine(): string {
  return `node ${process.version}, ${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''}, ${process.env.DATABASE_URL ? 'external PostgreSQL' : 'embedded PostgreSQL'}, load by ${loadTool}`;
}

/**
 * Jobs and batched ids (fan-out) not yet done: a post's fan-out is complete once its count is back to 0.
 * A job queued for later and never tried (the hourly media clean-up, always there) is not pending work.
 */
export async function pendingWork(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query(`select (select count(*) from graphile_worker.jobs where run_at <= now() or attempts > 0)::int + (select count(*) from job_batches)::int as n`);
  return rows[0].n as number;
}

/** Waits until no job or batched id is left. */
export async function drained(pool: pg.Pool, everyMs = 5): Promise<void> {
  while ((await pendingWork(pool)) > 0) await new Promise((r) => setTimeout(r, everyMs));
}

const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far. */
export function processCpuMs(pid: number): number {
  return processKernelCpuMs(pid, 'both');
}

/** CPU time (ms) a process spent in the kernel (system calls: sockets, memory) or in all. */
export function processKernelCpuMs(pid: number, which: 'kernel' | 'both' = 'kernel'): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (((which === 'both' ? Number(fields[11]) : 0) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The processes a process started, as the kernel lists them (none once it is gone). */
export function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Waits until this many sockets listen on the port (SO_REUSEPORT), as /proc/net/tcp lists them. */
async function waitForListeners(port: number, count: number): Promise<void> {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (let t0 = Date.now(); ; ) {
    const listening = fs
      .readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .filter((l) => {
        const f = l.trim().split(/\s+/);
        return f[1]?.endsWith(`:${hex}`) && f[3] === '0A';
      }).length;
    if (listening >= count) return;
    if (Date.now() - t0 > 60_000) throw new Error(`${listening} of ${count} web processes listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU time (ms) used so far by a process and the processes it started (PARLEY_WEB_PROCESSES). */
export function processTreeCpuMs(pid: number): number {
  let total = processCpuMs(pid);
  for (const child of childPids(pid)) {
    try {
      total += processTreeCpuMs(child);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** What each running process of a command (postgres, redis-server) has used of the CPU so far. */
export interface CpuReading {
  command: 'postgres' | 'redis-server';
  byPid: Map<number, number>;
}

export function cpuReading(command: CpuReading['command']): CpuReading {
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) byPid.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return { command, byPid };
}

/**
 * CPU time (ms) the command's processes used since the reading: a process that exited meanwhile (a
 * pool closing an idle connection) is left out rather than taken away, which made PostgreSQL's
 * figure negative; one that started meanwhile counts from zero.
 */
export function cpuSince(before: CpuReading): number {
  let total = 0;
  for (const [pid, ms] of cpuReading(before.command).byPid) total += ms - (before.byPid.get(pid) ?? 0);
  return total;
}

/**
 * A load run with the CPU it cost per request, in the server process and in PostgreSQL: steadier
 * than requests/s on a shared machine, whose neighbours take cores but not CPU time.
 */
export async function loadWithCpu(serverPid: number, options: LoadOptions): Promise<LoadResult & { serverUs: number; postgresUs: number; redisUs: number }> {
  if (options.warmup) await load({ ...options, duration: options.warmup, warmup: 0 });
  const [server0, pg0, redis0] = [processCpuMs(serverPid), cpuReading('postgres'), cpuReading('redis-server')];
  const result = await load({ ...options, warmup: 0 });
  const [serverMs, postgresMs, redisMs] = [processCpuMs(serverPid) - server0, cpuSince(pg0), cpuSince(redis0)];
  const per = (ms: number) => (result.total > 0 ? (ms * 1000) / result.total : 0);
  return { ...result, serverUs: per(serverMs), postgresUs: per(postgresMs), redisUs: per(redisMs) };
}
