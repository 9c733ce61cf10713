// Runs the `activitypub-testing` conformance rules (npm, run through npx: it is not a dependency,
// being large) against the actor of a fresh Parley server, and prints each rule's outcome.
//   node scripts/activitypub-testing.ts
// Exits non-zero when a rule fails.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { call, signUp } from '../test/helpers/http.ts';
import { startServer } from '../test/helpers/server.ts';

const VERSION = '0.16.1';
const server = await startServer();
let failed = 0;
try {
  const user = await signUp(server.url, 'envoy');
  await call(server.url, '/api/v1/statuses', { token: user.token, json: { status: 'A first public post' } });
  const actor = `${server.url}/users/envoy`;
  console.log(`activitypub-testing@${VERSION} against ${actor}`);
  // Asynchronously: the server under test runs in this process and must keep answering.
  const { stdout: out } = await promisify(execFile)('npx', ['-y', `activitypub-testing@${VERSION}`, 'test', 'actor', actor], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const outcomes = new Map<string, number>();
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const assertion = JSON.parse(line) as { result: { outcome: string; info?: string }; test: { slug: string } };
    const outcome = assertion.result.outcome;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (outcome === 'failed') failed++;
    console.log(`${outcome.padEnd(12)} ${assertion.test.slug}${assertion.result.info ? ` (${assertion.result.info})` : ''}`);
  }
  console.log(`\n${[...outcomes].map(([k, v]) => `${v} ${k}`).join(', ')}`);
} finally {
  await server.stop();
}
process.exit(failed > 0 ? 1 : 0);
