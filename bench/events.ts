// Live events at scale (docs/events.md): N anonymous viewers on one Q&A event's stream, and
// - answers: how long after the host's POST …/answer returns every viewer has the question's
//   `event.question` frame in state answered; and the server's memory per viewer;
// - votes: V accounts each vote once on one question, all at once; the count must be exactly V,
//   in the database and in every viewer's last `event.votes` frame;
// - questions: questions POSTed by many accounts (5 a minute each at most: admission.ts) for
//   --seconds while the viewers watch: how many a second are accepted.
// The event is premoderated (the default): a new question goes to its staff, not to the viewers.
// Run: node bench/events.ts [--viewers 20000] [--voters 10000] [--seconds 10] [--answers 5]
//      [--profile DIR] [--web auto|N] (N > 1: N `parley web` processes and a `parley worker`, over REDIS_URL)
// A process may open only `ulimit -n` files: viewers beyond it need more web processes (auto does
// it, and then needs REDIS_URL), and the clients live in child processes of 5,000 each.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createHttp, ok } from './events-http.ts';
import { load, machine, percentile, seedAccounts, startBare, startServer } from './lib.ts';
import { endRun, undoAtEnd } from './run-end.ts';
import { benchDatabase } from './stores.ts';

const { values } = parseArgs({
  options: {
    viewers: { type: 'string', default: '20000' },
    voters: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '10' },
    answers: { type: 'string', default: '5' },
    web: { type: 'string', default: 'auto' },
    connections: { type: 'string', default: '64' },
    // a CPU profile of each server process, written into this folder when it stops
    profile: { type: 'string' },
  },
});
const viewers = Number(values.viewers);
const voters = Number(values.voters);
const seconds = Number(values.seconds);
const answers = Number(values.answers);
const connections = Number(values.connections);
const PER_CLIENT_PROCESS = 5000;

/** The open files a process may have (the hard limit: an unprivileged process cannot raise it). */
function fileLimit(): number {
  const line = fs
    .readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.trim().split(/\s+/)[4] ?? 1024);
}
// Each web process keeps some files for itself (its database pool, Redis, logs).
const perProcess = fileLimit() - 500;
const webProcesses = values.web === 'auto' ? Math.max(1, Math.ceil(viewers / perProcess)) : Number(values.web);
if (webProcesses > 1 && !process.env.REDIS_URL) {
  throw new Error(`${viewers} viewers need ${webProcesses} web processes (a process may open ${fileLimit()} files here), which share live events through Redis: set REDIS_URL`);
}
if (viewers / webProcesses > perProcess) throw new Error(`${viewers} viewers over ${webProcesses} web processes: more than ${perProcess} sockets each; raise --web`);

const store = await benchDatabase();
const pool = store.database.pool;
console.error(`seeding ${voters} accounts…`);
const host = await seedAccounts(pool, 'host', 1);
const crowd = await seedAccounts(pool, 'crowd', Math.max(voters, 1000));
// Their apps were open on the event (its page and stream): tokens used within the hour are not
// written again (core/auth/tokens markUsed), as they would not be for a real audience.
await pool.query('update oauth_tokens set last_used_at = now()');
const bare = await startBare();
const serverEnv: Record<string, string> = values.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${values.profile}` } : {};
const servers =
  webProcesses > 1
    ? [...(await Promise.all(Array.from({ length: webProcesses }, () => startServer(store, serverEnv, 'web')))), await startServer(store, serverEnv, 'worker')]
    : [await startServer(store, serverEnv)];
const webServers = servers.slice(0, webProcesses);
const api = webServers[0]!.url;
const http = createHttp(256);
undoAtEnd(() => http.close());
const hostToken = host.tokens[0]!;

const event = ok<{ id: string }>(
  await http.request(`${api}/api/parley/v1/events`, 'POST', hostToken, {
    kind: 'qa',
    title: 'Benchmark Q&A',
    hashtag: 'benchqa',
    starts_at: new Date(Date.now() - 60_000).toISOString(),
    ends_at: new Date(Date.now() + 6 * 3600_000).toISOString(),
  }),
  'creating the event',
);
const eventApi = `${api}/api/parley/v1/events/${event.id}`;

/** A question asked by crowd account `i` and approved by the host: the audience sees it. */
async function approvedQuestion(i: number): Promise<string> {
  const asked = ok<{ id: string }>(await http.request(`${eventApi}/questions`, 'POST', crowd.tokens[i]!, { text: `Question ${i} from the floor?` }), 'asking');
  ok(await http.request(`${eventApi}/questions/${asked.id}/approve`, 'POST', hostToken), 'approving');
  return asked.id;
}
const toAnswer: string[] = [];
for (let i = 0; i < answers; i++) toAnswer.push(await approvedQuestion(i));
const votedOn = await approvedQuestion(answers);

// The viewers, in child processes.
const clients: ChildProcess[] = Array.from({ length: Math.ceil(viewers / PER_CLIENT_PROCESS) }, () => fork(new URL('./events-clients.ts', import.meta.url), { stdio: 'inherit' }));
for (const c of clients) undoAtEnd(() => c.kill());
const ask = <T>(child: ChildProcess, message: object, reply: string): Promise<T> =>
  new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
const askAll = <T>(message: object, reply: string) => Promise.all(clients.map((c) => ask<T>(c, message, reply)));

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const webRss = () => webServers.reduce((sum, s) => sum + rssMb(s.child.pid!), 0);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connectViewers(): Promise<{ ms: number; rssBefore: number; rssAfter: number }> {
  const urls = webServers.map((s) => `${s.url.replace('http', 'ws')}/api/v1/streaming?stream=event&event=${event.id}`);
  await pause(1000);
  const rssBefore = webRss();
  const t0 = performance.now();
  let left = viewers;
  await Promise.all(
    clients.map((c) => {
      const count = Math.min(PER_CLIENT_PROCESS, left);
      left -= count;
      return ask(c, { type: 'connect', urls, count }, 'connected');
    }),
  );
  const ms = performance.now() - t0;
  // Subscriptions finish after the socket opens: let them settle before the memory is read.
  await pause(3000);
  return { ms, rssBefore, rssAfter: webRss() };
}

/** Polls the viewers until every one heard it, or `timeoutMs` passed. */
async function gathered<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - t0 > timeoutMs) return value;
    await pause(250);
  }
}

async function measureAnswers() {
  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  let missed = 0;
  for (const [n, id] of toAnswer.entries()) {
    const answered = await http.request(`${eventApi}/questions/${id}/answer`, 'POST', hostToken, { status: `Answer number ${n}: thank you for asking.` });
    ok(answered, 'answering');
    const arrivals = await gathered(
      async () => (await askAll<{ times: number[] }>({ type: 'collect', id }, 'arrivals')).flatMap((r) => r.times),
      (times) => times.length >= viewers,
      15_000,
    );
    missed += viewers - arrivals.length;
    for (const t of arrivals) {
      // A frame may come before the response does (it is sent on commit): that is no wait at all.
      fromResponse.push(Math.max(0, t - answered.done));
      fromRequest.push(t - answered.sent);
    }
    console.error(`answer ${n + 1}/${answers}: p99 ${percentile(fromResponse, 99).toFixed(0)} ms so far`);
    await pause(1000);
  }
  return { p50: percentile(fromResponse, 50), p99: percentile(fromResponse, 99), max: Math.max(...fromResponse), p99Request: percentile(fromRequest, 99), missed };
}

async function measureVotes() {
  await askAll({ type: 'watch', id: votedOn }, 'watching');
  const t0 = performance.now();
  const results = await Promise.all(
    crowd.tokens.slice(0, voters).map((token, i) => http.request(`${webServers[i % webServers.length]!.url}/api/parley/v1/events/${event.id}/questions/${votedOn}/vote`, 'POST', token)),
  );
  const ms = performance.now() - t0;
  const failed = results.filter((r) => r.status !== 200).length;
  const latencies = results.map((r) => r.done - r.sent);
  const lasts = await gathered(
    async () => (await askAll<{ last: number[]; dropped: number }>({ type: 'votes' }, 'votes')).flatMap((r) => r.last),
    (last) => last.every((n) => n === voters),
    10_000,
  );
  const { rows } = await pool.query('select votes_count, (select count(*)::int from event_votes where question_id = $1) as votes from event_questions where id = $1', [votedOn]);
  return {
    // Votes taken, not requests made: a failed one is no vote.
    perSecond: ((voters - failed) * 1000) / ms,
    p99: percentile(latencies, 99),
    failed,
    stored: rows[0].votes_count as number,
    rows: rows[0].votes as number,
    heard: lasts.filter((n) => n === voters).length,
    last: Math.max(...lasts),
  };
}

async function measureQuestions() {
  const options = {
    url: `${eventApi}/questions`,
    connections,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'What is next for the project?' }),
    tokens: crowd.tokens,
  };
  await load({ ...options, duration: 2 });
  const count = async () => (await pool.query('select count(*)::int as n from event_questions where event_id = $1', [event.id])).rows[0].n as number;
  const before = await count();
  const t0 = performance.now();
  const result = await load({ ...options, duration: seconds });
  const accepted = (await count()) - before;
  // Over the time they took: requests under way when the load stops still land.
  return { perSecond: (accepted * 1000) / (performance.now() - t0), p99: result.p99, refused: result.errors };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
try {
  const bareRun = await load({ url: bare.url, connections, duration: 3, warmup: 1 });
  console.error(`bare Node: ${fmt(bareRun.rps)} req/s; connecting ${viewers} viewers…`);
  const joined = await connectViewers();
  const perViewerKb = ((joined.rssAfter - joined.rssBefore) * 1024) / viewers;
  console.error(`${viewers} viewers in ${(joined.ms / 1000).toFixed(1)} s, ${perViewerKb.toFixed(1)} KB each; answering…`);
  const answered = await measureAnswers();
  console.error(`voting (${voters} at once)…`);
  const voted = await measureVotes();
  console.error(`asking for ${seconds} s…`);
  const asked = await measureQuestions();
  const dropped = (await askAll<{ dropped: number }>({ type: 'votes' }, 'votes')).reduce((sum, r) => sum + r.dropped, 0);
  console.log(`${machine()}, ${webProcesses > 1 ? `${webProcesses} web processes + 1 worker over Redis` : 'one process'}, bare Node ${fmt(bareRun.rps)} req/s`);
  console.log('| measure | figure | detail |');
  console.log('| --- | --- | --- |');
  console.log(
    `| viewers | ${fmt(viewers)} (${dropped} dropped) | connected in ${(joined.ms / 1000).toFixed(1)} s; server RSS ${fmt(joined.rssBefore)} → ${fmt(joined.rssAfter)} MB: **${perViewerKb.toFixed(1)} KB a viewer** |`,
  );
  console.log(
    `| answer delivery (${answers} answer${answers === 1 ? '' : 's'}) | **p99 ${fmt(answered.p99)} ms** after the response | p50 ${fmt(answered.p50)} ms, slowest ${fmt(answered.max)} ms, p99 ${fmt(answered.p99Request)} ms after the request; ${answered.missed} missed |`,
  );
  console.log(
    `| votes, ${fmt(voters)} at once (256 connections) | **${fmt(voted.perSecond)} votes/s** (${((voted.perSecond / bareRun.rps) * 100).toFixed(1)} % of bare) | p99 ${fmt(voted.p99)} ms, ${voted.failed} failed; counted ${fmt(voted.stored)} (${fmt(voted.rows)} rows); last frame says ${fmt(voted.last)} at ${fmt(voted.heard)} of ${fmt(viewers)} viewers |`,
  );
  console.log(
    `| questions, ${connections} connections, ${seconds} s | **${fmt(asked.perSecond)} accepted/s** (${((asked.perSecond / bareRun.rps) * 100).toFixed(1)} % of bare) | p99 ${fmt(asked.p99)} ms, ${asked.refused} refused or failed |`,
  );
} finally {
  await Promise.all(clients.map((c) => (c.connected ? ask(c, { type: 'close' }, 'closed') : undefined)));
  await endRun();
}
