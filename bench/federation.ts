// Federation throughput on loopback: two Parley servers, each its own process and database.
//   1. inbox: N Create activities signed by the sender's actor (RSA, draft-cavage, as Mastodon
//      signs) POSTed to the receiver's shared inbox, C at a time: accepted per second (signature
//      checked, queued), then stored per second (note parsed, status written, fanned out);
//   2. end to end: M posts on the sender (C at a time) for a follower on the receiver, from the
//      first POST until every post is stored on the receiver: deliveries per second, and the
//      latency from a post's creation to its arrival (p50/p99).
//   node bench/federation.ts [--activities 2000] [--concurrency 32] [--posts 500]
// Plain HTTP on 127.0.0.1 (PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS): the accounts are found by
// URL, as WebFinger insists on HTTPS (test/interop covers that path with a test CA).
import { parseArgs } from 'node:util';
import { signRequest } from '@fedify/fedify';
import pg from 'pg';
import { openDatabase } from '../src/store/db.ts';
import { createAccountKeys } from '../src/core/accounts/keys.ts';
import { call, signUp } from '../test/helpers/http.ts';
import { eventually } from '../test/helpers/wait.ts';
import { machine, percentile, startServer } from './lib.ts';
import { endRun } from './run-end.ts';
import { benchDatabase } from './stores.ts';

const { values } = parseArgs({ options: { activities: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '32' }, posts: { type: 'string', default: '500' } } });
const N = Number(values.activities);
const C = Number(values.concurrency);
const M = Number(values.posts);
const env = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true', PARLEY_RATE_LIMIT_SIGN_UP: '1000/60' };

// Two instances: each its own database and Redis prefix.
const [dbA, dbB] = await Promise.all([benchDatabase(), benchDatabase()]);
const [a, b] = await Promise.all([startServer(dbA, env), startServer(dbB, env)]);
const poolB = new pg.Pool({ connectionString: dbB.url, max: 2 });
const remoteCount = async () => Number((await poolB.query('select count(*) as n from statuses where not local')).rows[0].n);

/** Runs `task` for each index, `concurrency` at a time; returns each call's duration (ms). */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await task(i);
        durations.push(performance.now() - t);
      }
    }),
  );
  return durations;
}

try {
  console.log(`machine: ${machine()}`);
  const alice = await signUp(a.url, 'alice');
  const bob = await signUp(b.url, 'bob');
  const actor = `${a.url}/users/alice`;
  const aliceOnB = (await call(b.url, `/api/v1/accounts/search?q=${encodeURIComponent(actor)}&resolve=true`, { token: bob.token })).body[0]?.id;
  if (!aliceOnB) throw new Error('B could not resolve alice');
  await call(b.url, `/api/v1/accounts/${aliceOnB}/follow`, { method: 'POST', token: bob.token });
  await eventually(async () => (await call(b.url, `/api/v1/accounts/relationships?id[]=${aliceOnB}`, { token: bob.token })).body[0].following, 30_000, 'the follow');

  // 1. Inbox ingest of activities signed beforehand with alice's key (read from A's database).
  const aliceId = (await call(a.url, '/api/v1/accounts/verify_credentials', { token: alice.token })).body.id;
  const databaseA = await openDatabase({ databaseUrl: dbA.url, dataDir: '' });
  const [rsa] = await createAccountKeys(databaseA.db).pairsFor(aliceId);
  await databaseA.close();
  const inbox = `${b.url}/inbox`;
  const signed: Request[] = [];
  for (let i = 0; i < N; i++) {
    const id = `${actor}/statuses/${9_000_000_000 + i}`;
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
  const before = await remoteCount();
  const statuses = new Map<number, number>();
  const started = performance.now();
  const latencies = await pool(N, C, async (i) => {
    const response = await fetch(signed[i]!);
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  });
  const accepted = performance.now() - started;
  await eventually(async () => (await remoteCount()) - before >= N, 900_000, 'every activity stored');
  const stored = performance.now() - started;
  console.log(`\ninbox: ${N} signed Creates, ${C} at a time; responses ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`  accepted: ${(N / (accepted / 1000)).toFixed(0)} activities/s (request p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms)`);
  console.log(`  stored:   ${(N / (stored / 1000)).toFixed(0)} activities/s (all ${N} written in ${(stored / 1000).toFixed(1)} s)`);

  // 2. End to end: posts on A reach B (stored, in bob's home feed).
  const sentAt = new Map<string, number>();
  const e2eStart = performance.now();
  await pool(M, C, async (i) => {
    const r = await call(a.url, '/api/v1/statuses', { token: alice.token, json: { status: `Delivery ${i}` } });
    sentAt.set(r.body.uri, performance.now());
  });
  const postedIn = performance.now() - e2eStart;
  const arrival: number[] = [];
  const pending = new Set(sentAt.keys());
  await eventually(
    async () => {
      const rows = await poolB.query<{ uri: string; at: Date }>('select uri, created_at as at from statuses where uri = any($1::text[])', [[...pending]]);
      const now = performance.now();
      for (const r of rows.rows) {
        pending.delete(r.uri);
        arrival.push(now - sentAt.get(r.uri)!);
      }
      return pending.size === 0;
    },
    900_000,
    'every post delivered',
  );
  const delivered = performance.now() - e2eStart;
  console.log(`\nend to end: ${M} posts on A, ${C} at a time (posted in ${(postedIn / 1000).toFixed(1)} s), all stored on B after ${(delivered / 1000).toFixed(1)} s`);
  console.log(
    `  ${(M / (delivered / 1000)).toFixed(0)} deliveries/s; post → stored on B p50 ${percentile(arrival, 50).toFixed(0)} ms, p99 ${percentile(arrival, 99).toFixed(0)} ms (polled every 50 ms)`,
  );
} finally {
  await poolB.end();
  await endRun();
}
