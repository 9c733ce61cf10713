// HTTP throughput of Parley's first hot paths, side by side with a bare Node server returning fixed
// JSON, measured in one run (this machine is noisy: compare ratios, not absolute figures).
// Run: node bench/api.ts [--seconds 10] [--connections 64]
// Uses the embedded PostgreSQL unless DATABASE_URL is set (add REDIS_URL for Redis rate limits).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort, waitFor } from './lib.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '64' } } });
const duration = Number(values.seconds);
const connections = Number(values.connections);
const root = path.resolve(import.meta.dirname, '..');



/** The baseline: a bare node:http server in its own process answering fixed JSON. */
async function startBare(port: number): Promise<ChildProcess> {
  const code = `require('node:http').createServer((q, s) => { s.writeHead(200, {'content-type': 'application/json'}); s.end('{"id":"1","username":"bare","acct":"bare"}'); }).listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  await waitFor(`http://127.0.0.1:${port}/`);
  return child;
}

async function startParley(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'src/main.ts'), 'start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, PARLEY_RATE_LIMIT_API: '100000000/300' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${port}/api/v1/instance`);
  return child;
}

async function post(url: string, body: Record<string, string>, token?: string) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await r.json()) as Record<string, string>;
}

async function userToken(base: string): Promise<string> {
  const app = await post(`${base}/api/v1/apps`, { client_name: 'bench', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' });
  const appToken = await post(`${base}/oauth/token`, { grant_type: 'client_credentials', client_id: app.client_id!, client_secret: app.client_secret!, scope: 'read write' });
  const account = await post(`${base}/api/v1/accounts`, { username: 'bench', email: 'bench@example.com', password: 'a long password', agreement: 'true' }, appToken.access_token);
  return account.access_token!;
}

function run(url: string, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
const barePort = await freePort();
const parleyPort = await freePort();
const bare = await startBare(barePort);
const parley = await startParley(parleyPort, dataDir);
const base = `http://127.0.0.1:${parleyPort}`;
try {
  const token = await userToken(base);
  const scenarios: [string, string, Record<string, string>][] = [
    ['bare node:http, fixed JSON', `http://127.0.0.1:${barePort}/`, {}],
    ['GET /api/v1/instance (anonymous)', `${base}/api/v1/instance`, {}],
    ['GET /api/v1/accounts/verify_credentials (token)', `${base}/api/v1/accounts/verify_credentials`, { authorization: `Bearer ${token}` }],
  ];
  const rows: { name: string; rps: number; p50: number; p99: number; errors: number }[] = [];
  for (const [name, url, headers] of scenarios) {
    await run(url, headers).then(() => undefined); // warm-up pass, discarded
    const r = await run(url, headers);
    rows.push({ name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
  }
  const baseline = rows[0]!.rps;
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${connections} connections, ${duration} s per scenario, ${process.env.DATABASE_URL ? 'external PostgreSQL' : 'embedded PostgreSQL'}`);
  console.log('| scenario | requests/s | p50 ms | p99 ms | errors | share of bare Node |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${((r.rps / baseline) * 100).toFixed(0)}% |`);
} finally {
  bare.kill();
  parley.kill('SIGTERM');
  await new Promise((r) => parley.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
