// HTTP throughput of Parley's first hot paths, side by side with a bare Node server returning fixed
// JSON, measured in one run (this machine is noisy: compare ratios, not absolute figures).
// Run: node bench/api.ts [--seconds 10] [--connections 64]
// Uses the embedded PostgreSQL unless DATABASE_URL is set (add REDIS_URL for Redis rate limits); with
// either, the run has a database and key prefix of its own, gone at the end (stores.ts).
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startBare, startServer } from './lib.ts';
import { endRun } from './run-end.ts';
import { benchDatabase } from './stores.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '64' } } });
const duration = Number(values.seconds);
const connections = Number(values.connections);

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
  if (!account.access_token) throw new Error(`sign-up failed: ${JSON.stringify(account)}`);
  return account.access_token;
}

function run(url: string, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const bare = await startBare('{"id":"1","username":"bare","acct":"bare"}');
const store = await benchDatabase();
const base = (await startServer(store)).url;
try {
  const token = await userToken(base);
  const scenarios: [string, string, Record<string, string>][] = [
    ['bare node:http, fixed JSON', bare.url, {}],
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
  console.log(
    `node ${process.version}, ${os.cpus().length} cores, ${connections} connections, ${duration} s per scenario, ${process.env.DATABASE_URL ? 'external PostgreSQL' : 'embedded PostgreSQL'}`,
  );
  console.log('| scenario | requests/s | p50 ms | p99 ms | errors | share of bare Node |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${((r.rps / baseline) * 100).toFixed(0)}% |`);
} finally {
  await endRun();
}
