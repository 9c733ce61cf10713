// Federation throughput on loopback, two Parley servers over HTTPS (a test CA):
//   1. inbox: N Create activities signed by a remote actor (RSA, draft-cavage, as Mastodon signs)
//      POSTed to the receiver's shared inbox, C at a time: accepted per second (signature checked,
//      queued), then stored per second (note parsed, status written, fanned out);
//   2. end to end: M posts on the sender, delivered to a follower on the receiver: from the first
//      POST until every post is in the follower's home timeline.
//   node bench/federation.ts [--activities 2000] [--concurrency 32] [--posts 200]
import { parseArgs } from 'node:util';
import { signRequest } from '@fedify/fedify';
import { sql } from 'drizzle-orm';
import { createKeyStore } from '../src/federation/keys.ts';
import { call, signUp } from '../test/helpers/http.ts';
import { startServer } from '../test/helpers/server.ts';
import { testTls } from '../test/helpers/tls.ts';
import { eventually } from '../test/helpers/wait.ts';
import { machine, percentile } from './lib.ts';

const { values } = parseArgs({ options: { activities: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '32' }, posts: { type: 'string', default: '200' } } });
const N = Number(values.activities);
const C = Number(values.concurrency);
const M = Number(values.posts);
const tls = testTls();
if (!tls) throw new Error('openssl is needed for the test certificate authority');
const env = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true', PARLEY_LOG_REQUESTS: 'false' };
const [a, b] = await Promise.all([startServer(env, { tls }), startServer(env, { tls })]);
const count = async (server: typeof a) => Number((await server.app.database.db.execute<{ n: string }>(sql`select count(*) as n from statuses where not local`)).rows[0]!.n);

try {
  console.log(`machine: ${machine()}`);
  const alice = await signUp(a.url, 'alice');
  const bob = await signUp(b.url, 'bob');
  const handle = `alice@${new URL(a.url).host}`;
  const aliceOnB = (await call(b.url, `/api/v1/accounts/search?q=${encodeURIComponent(handle)}&resolve=true`, { token: bob.token })).body[0].id;
  await call(b.url, `/api/v1/accounts/${aliceOnB}/follow`, { method: 'POST', token: bob.token });
  await eventually(async () => (await call(b.url, `/api/v1/accounts/relationships?id[]=${aliceOnB}`, { token: bob.token })).body[0].following, 20_000, 'the follow');

  // 1. Inbox ingest of pre-signed activities.
  const aliceId = (await call(a.url, '/api/v1/accounts/verify_credentials', { token: alice.token })).body.id;
  const [rsa] = await createKeyStore(a.app.database.db).pairsFor(aliceId);
  const actor = `${a.url}/users/alice`;
  const inbox = `${b.url}/inbox`;
  const signed: Request[] = [];
  for (let i = 0; i < N; i++) {
    const id = `${a.url}/users/alice/statuses/${9_000_000_000 + i}`;
    const body = JSON.stringify({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${id}/activity`,
      type: 'Create',
      actor,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: { id, type: 'Note', attributedTo: actor, to: ['https://www.w3.org/ns/activitystreams#Public'], content: `<p>Bench note ${i}</p>`, published: new Date().toISOString() },
    });
    signed.push(await signRequest(new Request(inbox, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body }), rsa!.privateKey, new URL(`${actor}#main-key`)));
  }
  const before = await count(b);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next < signed.length) {
        const request = signed[next++]!;
        const t = performance.now();
        const response = await fetch(request);
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const accepted = performance.now() - started;
  await eventually(async () => (await count(b)) - before >= N, 600_000, 'every activity stored');
  const stored = performance.now() - started;
  console.log(`\ninbox: ${N} signed Creates, ${C} at a time; responses ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`  accepted: ${(N / (accepted / 1000)).toFixed(0)} activities/s (request p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms)`);
  console.log(`  stored:   ${(N / (stored / 1000)).toFixed(0)} activities/s (all ${N} written in ${(stored / 1000).toFixed(1)} s)`);

  // 2. End to end: posts on A reach bob's home on B.
  await Promise.all([a.app.jobs.idle(60_000), b.app.jobs.idle(60_000)]);
  const e2eStart = performance.now();
  const posted: string[] = [];
  for (let i = 0; i < M; i++) {
    const r = await call(a.url, '/api/v1/statuses', { token: alice.token, json: { status: `Delivery ${i}` } });
    posted.push(r.body.uri);
  }
  const postedIn = performance.now() - e2eStart;
  const remaining = new Set(posted);
  await eventually(async () => {
    const rows = await b.app.database.db.execute<{ uri: string }>(sql`select uri from statuses where uri = any(${`{${[...remaining].join(',')}}`}::text[])`);
    for (const r of rows.rows) remaining.delete(r.uri);
    return remaining.size === 0;
  }, 600_000, 'every post delivered');
  const delivered = performance.now() - e2eStart;
  console.log(`\nend to end: ${M} posts on A (posted in ${(postedIn / 1000).toFixed(1)} s), all stored on B after ${(delivered / 1000).toFixed(1)} s: ${(M / (delivered / 1000)).toFixed(0)} deliveries/s`);
} finally {
  await Promise.all([a.stop(), b.stop()]);
}
