// Parley and its embedded PostgreSQL killed outright, as a crash or an operator's kill -9 would:
// Parley, run as the process an administrator runs, notices, answers 503 meanwhile, starts the
// database again (or exits non-zero for a supervisor), and every post it acknowledged is kept.
// These tests are about the embedded PostgreSQL, so they run on it in either set-up.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { call, signUp } from './helpers/http.ts';
import { childPids, freePort, postmasterPid, runs, spawnParley, startParley, type ParleyProcess } from './helpers/processes.ts';
import { eventually } from './helpers/wait.ts';

interface Answer {
  status: number;
  id?: string;
  retryAfter?: string | null;
  error?: string;
}

/** Posts from a few loops at once until stopped; every answer is kept. */
function keepPosting(url: string, token: string, loops = 3) {
  const answers: Answer[] = [];
  let running = true;
  const done = Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let i = 0; running; i++) {
        try {
          const r = await call(url, '/api/v1/statuses', { token, json: { status: `loop ${loop}, post ${i}` } });
          answers.push({ status: r.status, id: r.body?.id, retryAfter: r.headers.get('retry-after'), error: r.body?.error });
        } catch {
          // Parley is not listening (it exited): try again a little later.
          answers.push({ status: 0 });
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }),
  );
  return {
    answers,
    acknowledged: () => answers.filter((a) => a.status === 200).map((a) => a.id!),
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Every post answered 200 can be read through the API. */
async function assertAllReadable(url: string, token: string, ids: string[]): Promise<void> {
  const missing: string[] = [];
  for (const id of ids) if ((await call(url, `/api/v1/statuses/${id}`, { token })).status !== 200) missing.push(id);
  assert.deepEqual(missing, [], `${missing.length} of ${ids.length} acknowledged posts are missing`);
}

/**
 * Kills the data folder's PostgreSQL while one of its server processes is held stopped: that one
 * keeps the old shared memory in use, so PostgreSQL cannot start again until it is let go, and
 * the outage lasts as long as the test needs. Returns how to let it go (once is enough).
 */
function killPostgresAndHoldIt(dataDir: string): () => void {
  const postmaster = postmasterPid(dataDir);
  const [held] = childPids(postmaster);
  assert.ok(held, 'PostgreSQL has server processes');
  process.kill(held, 'SIGSTOP');
  process.kill(postmaster, 'SIGKILL');
  return () => void (runs(held) && process.kill(held, 'SIGKILL'));
}

describe('the embedded PostgreSQL dying under a running Parley', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const start = async (dataDir: string): Promise<ParleyProcess> => {
    const parley = await startParley(dataDir);
    cleanups.push(async () => void (await parley.stop()));
    return parley;
  };
  /** A Parley on a new data folder, with posts being made. */
  const servingAndPosting = async (username: string) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-crash-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const parley = await start(dataDir);
    const { token } = await signUp(parley.url, username);
    const posting = keepPosting(parley.url, token);
    cleanups.push(() => posting.stop());
    await eventually(async () => posting.acknowledged().length >= 10, 10_000, 'posts being made');
    return { dataDir, parley, token, posting };
  };
  const killAndHold = (dataDir: string) => {
    const letGo = killPostgresAndHoldIt(dataDir);
    cleanups.push(letGo);
    return letGo;
  };

  it('answers 503 with Retry-After meanwhile, says so on /health, starts PostgreSQL again, and keeps every acknowledged post', async () => {
    const { dataDir, parley, token, posting } = await servingAndPosting('survivor');
    const letGo = killAndHold(dataDir);
    const health = await eventually(
      async () => {
        const r = await call(parley.url, '/health');
        return r.status === 503 && r;
      },
      10_000,
      '/health to say the database is down',
    );
    assert.equal(health.body.database, 'down');
    assert.match(health.body.error, /database/);
    assert.equal((await call(parley.url, '/api/v1/streaming/health')).status, 503);
    const refused = await eventually(async () => posting.answers.find((a) => a.status === 503), 10_000, 'a post answered 503');
    assert.equal(refused.retryAfter, '5');
    assert.ok(refused.error);

    letGo();
    // The brief of a supervisor: within 10 s it serves again.
    await eventually(async () => (await call(parley.url, '/health')).status === 200, 10_000, 'Parley serving again');
    const seen = posting.answers.length;
    await eventually(async () => posting.answers.slice(seen).some((a) => a.status === 200), 10_000, 'a post acknowledged again');
    await posting.stop();

    const statuses = new Set(posting.answers.map((a) => a.status));
    assert.deepEqual([...statuses].sort(), [200, 503], 'nothing but 200 and 503: no 500, and the process never went away');
    assert.match(parley.output(), /the embedded PostgreSQL stopped \(killed by SIGKILL\); starting it again/);
    assert.equal(parley.child.exitCode, null);
    await assertAllReadable(parley.url, token, posting.acknowledged());
  });

  it('exits non-zero when PostgreSQL will not start again, and a new start on the folder has every acknowledged post', { timeout: 120_000 }, async () => {
    const { dataDir, parley, token, posting } = await servingAndPosting('phoenix');
    const letGo = killAndHold(dataDir);
    const exit = await parley.exited;
    await posting.stop();
    assert.equal(exit.signal, null);
    assert.notEqual(exit.code, 0);
    // A line for each attempt, then why it gave up.
    assert.match(parley.output(), /attempt 1 of \d+ to start the embedded PostgreSQL failed: .*FATAL/);
    assert.match(parley.output(), /could not be started again/);

    letGo();
    // A supervisor starts it again; nothing else is done by hand.
    const again = await start(dataDir);
    await assertAllReadable(again.url, token, posting.acknowledged());
  });
});

describe('a Parley killed outright', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('leaves its PostgreSQL running; the next start on the folder stops it and serves what was posted, and refuses a second server beside itself', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-orphan-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startParley(dataDir);
    cleanups.push(async () => void (await first.stop()));
    const { token } = await signUp(first.url, 'orphaned');
    const post = await call(first.url, '/api/v1/statuses', { token, json: { status: 'before the crash' } });
    assert.equal(post.status, 200);

    const postmaster = postmasterPid(dataDir);
    // Whatever happens, no PostgreSQL outlives the test.
    cleanups.push(() => void (runs(postmaster) && process.kill(postmaster, 'SIGKILL')));
    first.child.kill('SIGKILL');
    await first.exited;
    assert.ok(runs(postmaster), 'the embedded PostgreSQL outlived its Parley');

    const second = await startParley(dataDir);
    cleanups.push(async () => void (await second.stop()));
    assert.match(second.output(), new RegExp(`stopping the embedded PostgreSQL \\(pid ${postmaster}\\) left running by a Parley that is gone`));
    assert.equal(runs(postmaster), false);
    const read = await call(second.url, `/api/v1/statuses/${post.body.id}`, { token });
    assert.equal(read.status, 200);
    assert.equal(read.body.content, '<p>before the crash</p>');

    // A living Parley is told apart from a dead one: the next server is refused, not let in.
    const third = spawnParley(dataDir, { PORT: String(await freePort()) });
    const exit = await third.exited;
    assert.equal(exit.code, 1);
    assert.match(third.output(), new RegExp(`a Parley server \\(pid ${second.child.pid}\\) is already serving from the data folder ${dataDir}\\. Stop it first`));
    assert.equal((await call(second.url, '/api/v1/statuses', { token, json: { status: 'still serving' } })).status, 200);
    assert.equal((await call(second.url, '/health')).status, 200);
  });
});
