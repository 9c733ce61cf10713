// What a first visit to the home timeline downloads: JavaScript and CSS as sent over the wire
// (compressed), with a cold browser cache, and how long until the timeline is on screen.
// Run: node bench/web-first-load.ts [--runs 5]   (needs /usr/bin/chromium; embedded PostgreSQL in a
// temp folder, or with DATABASE_URL a new database on that server, dropped at the end)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureWebBuild } from '../scripts/build-web.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { freePort } from './lib.ts';
import { endRun, undoAtEnd } from './run-end.ts';
import { freshDatabase } from './stores.ts';

const CHROMIUM = process.env.PARLEY_TEST_CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

async function json(url: string, init: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { method: init.body ? 'POST' : 'GET', headers, body: init.body ? JSON.stringify(init.body) : undefined });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, string>>;
}

await ensureWebBuild({ quiet: true });
const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-web-'));
undoAtEnd(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const databaseUrl = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : undefined;
const origin = `http://127.0.0.1:${port}`;
const app = await createApp(loadConfig({ PORT: String(port), HOST: '127.0.0.1', PARLEY_ORIGIN: origin, PARLEY_DATA_DIR: dataDir, DATABASE_URL: databaseUrl }));
undoAtEnd(() => app.stop());
await app.listen();

// A reader with a home timeline of 20 posts from someone they follow.
const client = await json(`${origin}/api/v1/apps`, { body: { client_name: 'bench', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write follow' } });
const appToken = await json(`${origin}/oauth/token`, { body: { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret, scope: 'read write follow' } });
const account = (name: string) =>
  json(`${origin}/api/v1/accounts`, { token: appToken.access_token, body: { username: name, email: `${name}@example.com`, password: 'correct horse battery', agreement: true } });
const writer = await account('writer');
const reader = await account('reader');
const writerId = (await json(`${origin}/api/v1/accounts/verify_credentials`, { token: writer.access_token })).id;
await json(`${origin}/api/v1/accounts/${writerId}/follow`, { token: reader.access_token, body: {} });
for (let i = 0; i < 20; i++) await json(`${origin}/api/v1/statuses`, { token: writer.access_token, body: { status: `Post ${i} with a link https://example.com/${i} and #bench` } });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
});
undoAtEnd(() => browser.close());
const rows: { js: number; jsFiles: number; jsDecoded: number; css: number; ms: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  // A new context each time: an empty cache, the token already stored as after signing in.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'parley.token', value: reader.access_token! }] }] } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const sizes = { js: 0, jsFiles: 0, jsDecoded: 0, css: 0 };
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.dataReceived', (e) => {
    if (types.get(e.requestId) === 'Script') sizes.jsDecoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const type = types.get(e.requestId);
    if (type === 'Script') {
      sizes.js += e.encodedDataLength;
      sizes.jsFiles++;
    } else if (type === 'Stylesheet') sizes.css += e.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(`${origin}/web/home`);
  await page.locator('article.status').first().waitFor({ timeout: 30_000 });
  const ms = performance.now() - started;
  await page.waitForLoadState('networkidle');
  rows.push({ ...sizes, ms });
  await context.close();
}
await endRun();

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`first load of /web/home, cold cache, ${RUNS} runs (median)`);
console.log(`JavaScript over the wire (gzip, with headers): ${kb(median(rows.map((r) => r.js)))} in ${rows[0]!.jsFiles} file(s); uncompressed ${kb(median(rows.map((r) => r.jsDecoded)))}`);
console.log(`CSS over the wire: ${kb(median(rows.map((r) => r.css)))}`);
console.log(`until the first post is on screen: ${median(rows.map((r) => r.ms)).toFixed(0)} ms (p50), ${Math.max(...rows.map((r) => r.ms)).toFixed(0)} ms (max)`);
