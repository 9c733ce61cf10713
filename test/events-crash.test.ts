// A Parley killed outright (kill -9) in the middle of a live Q&A: after the restart, every question,
// vote and answer it acknowledged is there, and a question asked by replying to the announcement
// (taken by fan-out, after the reply was acknowledged) is taken once the restarted worker runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { call, signUp } from './helpers/http.ts';
import { postmasterPid, runs, startParley } from './helpers/processes.ts';
import { eventually } from './helpers/wait.ts';

type Token = string;

describe('a Parley killed during a live event', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps every acknowledged question, vote and answer', { timeout: 180_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-events-crash-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startParley(dataDir);
    cleanups.push(async () => void (await first.stop()));
    const api = (url: string, p: string, token: Token, json?: Record<string, unknown>) => call(url, `/api/parley/v1${p}`, json ? { method: 'POST', token, json } : { token });

    const host = (await signUp(first.url, 'host')).token;
    const askers: Token[] = [];
    for (let i = 0; i < 12; i++) askers.push((await signUp(first.url, `asker${i}`)).token);
    const made = await api(first.url, '/events', host, {
      kind: 'qa',
      title: 'Crash Q&A',
      starts_at: new Date(Date.now() - 1000).toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      hashtag: 'crash',
      premoderated: false,
    });
    const eventId = made.body.id as string;
    const target = (await api(first.url, `/events/${eventId}/questions`, askers[0]!, { text: 'The question everyone votes for' })).body.id as string;

    // Questions, votes, replies and answers go on from several loops until the process is killed.
    const acknowledged = { questions: [] as string[], voters: [] as number[], answered: [] as string[], replies: [] as string[] };
    let running = true;
    const guard = async (work: () => Promise<void>) => {
      try {
        await work();
      } catch {
        // The process is gone: the request was not acknowledged.
      }
    };
    const loops = [
      (async () => {
        for (let i = 0; running; i++)
          await guard(async () => {
            const r = await api(first.url, `/events/${eventId}/questions`, askers[1 + (i % 4)]!, { text: `Question ${i}` });
            if (r.status === 200) acknowledged.questions.push(r.body.id);
            if (r.status === 200 && i % 2 === 0) {
              const a = await api(first.url, `/events/${eventId}/questions/${r.body.id}/answer`, host, { status: `Answer ${i}` });
              if (a.status === 200) acknowledged.answered.push(r.body.id);
            }
          });
      })(),
      (async () => {
        for (let i = 0; running && i < askers.length; i++)
          await guard(async () => {
            const r = await api(first.url, `/events/${eventId}/questions/${target}/vote`, askers[i]!, {});
            if (r.status === 200) acknowledged.voters.push(i);
          });
      })(),
      (async () => {
        const announcement = made.body.announcement_id as string;
        // Six askers, five questions a minute each (admission.ts): more replies would be refused as questions.
        for (let i = 0; running && i < 30; i++)
          await guard(async () => {
            const r = await call(first.url, '/api/v1/statuses', { token: askers[5 + (i % 6)]!, json: { status: `Reply question ${i}`, in_reply_to_id: announcement } });
            if (r.status === 200) acknowledged.replies.push(r.body.id);
          });
      })(),
    ];
    await eventually(async () => acknowledged.questions.length >= 8 && acknowledged.replies.length >= 8 && acknowledged.voters.length >= 4, 60_000, 'work under way');
    const postmaster = postmasterPid(dataDir);
    cleanups.push(() => void (runs(postmaster) && process.kill(postmaster, 'SIGKILL')));
    first.child.kill('SIGKILL');
    await first.exited;
    running = false;
    await Promise.all(loops);

    const second = await startParley(dataDir);
    cleanups.push(async () => void (await second.stop()));
    const all = async () =>
      (await api(second.url, `/events/${eventId}/questions?state[]=approved&state[]=answered&limit=200`, host)).body as { id: string; status_id: string; state: string; votes_count: number }[];
    const now = await all();
    const ids = new Set(now.map((q) => q.id));
    assert.deepEqual(
      acknowledged.questions.filter((id) => !ids.has(id)),
      [],
      'every acknowledged question',
    );
    for (const id of acknowledged.answered) assert.equal(now.find((q) => q.id === id)?.state, 'answered', `answer to ${id}`);
    const votes = now.find((q) => q.id === target)!.votes_count;
    assert.ok(votes >= acknowledged.voters.length, `${votes} votes counted, ${acknowledged.voters.length} acknowledged`);
    for (const i of acknowledged.voters) assert.equal((await api(second.url, `/events/${eventId}/questions/${target}`, askers[i]!)).body.voted, true);
    // Replies acknowledged before the kill become questions once the restarted worker has read them.
    await eventually(
      async () => {
        const statuses = new Set((await all()).map((q) => q.status_id));
        return acknowledged.replies.every((id) => statuses.has(id));
      },
      60_000,
      'every acknowledged reply taken as a question',
    );
  });
});
