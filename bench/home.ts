// Reading the home timeline, alone: readers following 40 authors whose feeds hold 400 posts
// (mentions, hashtags, a few reblogs), read by 64 connections that take the readers' tokens in turn
// (so no cache can keep one viewer's page), beside a bare Node server in the same run; then a list
// holding the same 40 authors (read at request time, not from a feed), by the first reader. The
// figure to compare across runs is the ratio to bare Node. Each run is measured after a 2 s warm-up.
// Run: node bench/home.ts [--seconds 8] [--connections 64] [--readers 100] [--profile DIR]
//   [--against DIR [--rounds 3]]: also serve the same data from another checkout of Parley (a git
//   worktree of an older commit, say) as a web process beside this one, and read the home timeline
//   from each in turn, so that two versions are compared in one run on one noisy machine;
//   [--compare-list] reads the list timeline from each in turn too.
//   [--versions [--rounds 3]]: also seed a second group alike (40 authors, 100 readers) whose posts
//   carry, one in five, versions in Thai and Arabic beside English, and read both groups' homes in
//   turn with `Accept-Language: th` (issue 23's target: the second loses at most 5 %).
// Uses the embedded PostgreSQL unless DATABASE_URL is set; REDIS_URL moves feeds to Redis. With either,
// the run has a database and key prefix of its own, gone at the end (stores.ts): runs can follow each other.
import { parseArgs } from 'node:util';
import { drained, load, loadWithCpu, machine, seedAccounts, seedFollows, startBare, startServer } from './lib.ts';
import { endRun } from './run-end.ts';
import { benchDatabase } from './stores.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '64' },
    readers: { type: 'string', default: '100' },
    profile: { type: 'string' },
    against: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'compare-list': { type: 'boolean', default: false },
    versions: { type: 'boolean', default: false },
  },
});
const duration = Number(values.seconds);
const connections = Number(values.connections);

const store = await benchDatabase();
const pool = store.database.pool;
const bare = await startBare();
const reader = await seedAccounts(pool, 'reader', Number(values.readers));
const authors = await seedAccounts(pool, 'author', 40);
for (const id of authors.ids) await seedFollows(pool, reader.ids, id);
// The group whose posts have versions (--versions): its own authors and readers.
const versioned = values.versions ? { reader: await seedAccounts(pool, 'vreader', Number(values.readers)), authors: await seedAccounts(pool, 'vauthor', 40) } : undefined;
for (const id of versioned?.authors.ids ?? []) await seedFollows(pool, versioned!.reader.ids, id);
const env: Record<string, string> = values.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${values.profile}` } : {};
const server = await startServer(store, env);
// Compared as two web processes alike: this checkout's first process also runs the job worker,
// and the two sides once differed by 15-20 % on the same home timeline code.
const other = values.against ? await startServer(store, {}, 'web', values.against) : undefined;
const mine = values.against ? await startServer(store, env, 'web') : undefined;
const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

/** 400 posts by these authors (mentions, hashtags, links, a few reblogs); one in five in three languages when `versions`. */
async function postAll(tokens: readonly string[], versions: boolean): Promise<void> {
  console.error(`posting 400 statuses${versions ? ' (one in five in three languages)' : ''}…`);
  const posted: string[] = [];
  for (let i = 0; i < 400; i++) {
    const a = i % tokens.length;
    const text = i % 3 === 0 ? `Post ${i} for @reader0 about #parley and https://example.com/${i}` : `Post ${i}, plain words to read on the home timeline.`;
    const translations = versions && i % 5 === 0 ? { th: { status: `โพสต์ที่ ${i} คำธรรมดาให้อ่านบนไทม์ไลน์หลัก` }, ar: { status: `المنشور ${i}، كلمات بسيطة للقراءة في الخط الزمني` } } : undefined;
    const body = JSON.stringify({ status: text, ...(translations ? { language: 'en', translations } : {}) });
    const r = await fetch(`${server.url}/api/v1/statuses`, { method: 'POST', headers: headers(tokens[a]!), body });
    if (!r.ok) throw new Error(`post failed: ${r.status} ${await r.text()}`);
    const id = ((await r.json()) as { id: string }).id;
    posted.push(id);
    if (i % 10 === 5) await fetch(`${server.url}/api/v1/statuses/${posted[i - 3]}/reblog`, { method: 'POST', headers: headers(tokens[(a + 1) % tokens.length]!) });
  }
}

try {
  await postAll(authors.tokens, false);
  if (versioned) await postAll(versioned.authors.tokens, true);
  // Fan-out runs in jobs: wait until they are done.
  await drained(pool, 50);
  const url = `${server.url}/api/v1/timelines/home`;
  const sample = await fetch(url, { headers: headers(reader.tokens[0]!) });
  const body = await sample.text();
  const statuses = JSON.parse(body) as unknown[];
  if (versioned) {
    const page = (await (await fetch(url, { headers: { ...headers(versioned.reader.tokens[0]!), 'accept-language': 'th' } })).json()) as {
      language: string | null;
      reblog: { language: string | null } | null;
    }[];
    const thai = page.filter((s) => (s.reblog ?? s).language === 'th').length;
    if (thai === 0) throw new Error('the versioned group reads no Thai version');
    console.error(`versioned group: ${thai} of ${page.length} statuses on a page read in Thai`);
  }

  const list = (await (await fetch(`${server.url}/api/v1/lists`, { method: 'POST', headers: headers(reader.tokens[0]!), body: JSON.stringify({ title: 'bench' }) })).json()) as { id: string };
  const added = await fetch(`${server.url}/api/v1/lists/${list.id}/accounts`, { method: 'POST', headers: headers(reader.tokens[0]!), body: JSON.stringify({ account_ids: authors.ids }) });
  if (!added.ok) throw new Error(`list members: ${added.status} ${await added.text()}`);
  const listUrl = `${server.url}/api/v1/timelines/list/${list.id}`;

  // Every run is measured after 2 s of the same load: JIT compilation and cold caches are not what a
  // server that has been up for a while does.
  const warmup = 2;
  const baseline = await load({ url: bare.url, connections, duration, warmup });
  // Each request is signed by the next reader.
  const home = await loadWithCpu(server.child.pid!, { url, connections, duration, tokens: reader.tokens, warmup });
  const compared: { name: string; r: Awaited<ReturnType<typeof loadWithCpu>> }[] = [];
  if (other) {
    // Rounds alternate which version goes first: the machine's speed drifts within a run.
    for (let round = 0; round < Number(values.rounds); round++) {
      const pair = [
        { name: 'this checkout', pid: mine!.child.pid!, at: mine!.url },
        { name: values.against!, pid: other.child.pid!, at: other.url },
      ];
      if (round % 2 === 1) pair.reverse();
      for (const p of pair) {
        compared.push({ name: `home, ${p.name}`, r: await loadWithCpu(p.pid, { url: `${p.at}/api/v1/timelines/home`, connections, duration, tokens: reader.tokens, warmup }) });
        if (values['compare-list'])
          compared.push({
            name: `list, ${p.name}`,
            r: await loadWithCpu(p.pid, { url: `${p.at}/api/v1/timelines/list/${list.id}`, connections, duration, headers: headers(reader.tokens[0]!), warmup }),
          });
      }
    }
  }
  if (versioned) {
    // Both groups read in Thai: a post without versions renders as it would for anyone.
    const groups = [
      { name: 'home, plain posts (Accept-Language: th)', tokens: reader.tokens },
      { name: 'home, 1 in 5 posts in 3 languages (Accept-Language: th)', tokens: versioned.reader.tokens },
    ];
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const g of round % 2 === 1 ? [...groups].reverse() : groups) {
        compared.push({ name: g.name, r: await loadWithCpu(server.child.pid!, { url, connections, duration, tokens: g.tokens, headers: { 'accept-language': 'th' }, warmup }) });
      }
    }
  }
  const listed = await loadWithCpu(server.child.pid!, { url: listUrl, connections, duration, headers: headers(reader.tokens[0]!), warmup });
  console.log(machine());
  const cpu = (r: { serverUs: number; postgresUs: number; redisUs: number }) => `${r.serverUs.toFixed(0)} µs | ${r.postgresUs.toFixed(0)} µs | ${r.redisUs.toFixed(0)} µs`;
  console.log(`| scenario | throughput | p50 | p99 | errors | ratio | server CPU per request | PostgreSQL CPU per request | Redis CPU per request |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  console.log(`| bare node:http, fixed JSON (20 items) | ${baseline.rps.toFixed(0)} req/s | ${baseline.p50} ms | ${baseline.p99} ms | ${baseline.errors} | 100% | | | |`);
  console.log(
    `| GET /api/v1/timelines/home (${statuses.length} statuses, ${(body.length / 1024).toFixed(1)} KB, ${reader.tokens.length} readers) | ${home.rps.toFixed(0)} req/s | ${home.p50} ms | ${home.p99} ms | ${home.errors} | ${((home.rps / baseline.rps) * 100).toFixed(2)}% | ${cpu(home)} |`,
  );
  console.log(
    `| GET /api/v1/timelines/list/:id (the same 40 authors) | ${listed.rps.toFixed(0)} req/s | ${listed.p50} ms | ${listed.p99} ms | ${listed.errors} | ${((listed.rps / baseline.rps) * 100).toFixed(2)}% | ${cpu(listed)} |`,
  );
  for (const { name, r } of compared) {
    console.log(`| ${name} | ${r.rps.toFixed(0)} req/s | ${r.p50} ms | ${r.p99} ms | ${r.errors} | ${((r.rps / baseline.rps) * 100).toFixed(2)}% | ${cpu(r)} |`);
  }
} finally {
  await endRun();
}
