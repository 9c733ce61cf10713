// The core's jobs are declared once, by name with their payloads (src/core/jobs.ts): a job queued
// through that map reaches its handler in a worker, and the compiler refuses a misspelt name, a
// wrong payload or a missing handler (`npm test` type-checks this file first; see `refused`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createIdGenerator } from '../../src/core/ids.ts';
import type { Executor, JobHandlers, Jobs } from '../../src/core/jobs.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('the job map', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  it('runs a job queued by its name and payload (feed.merge fills a home feed)', async () => {
    const reader = await signUp(server.url, 'jobreader');
    const author = await signUp(server.url, 'jobauthor');
    const idOf = async (token: string) => (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id as string;
    const status = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'merged by a job' } });
    // The reader's own post keeps its feed from being empty (an empty feed is rebuilt when read).
    const own = await call(server.url, '/api/v1/statuses', { token: reader.token, json: { status: 'my own' } });
    await server.app.jobs.idle();
    const home = async () => ((await call(server.url, '/api/v1/timelines/home', { token: reader.token })).body as { id: string }[]).map((s) => s.id);
    const merge = { accountId: await idOf(reader.token), authorId: await idOf(author.token) };
    // A follow written without the verb (which would queue the merge itself): the merge merges what the follow shows.
    await server.app.database.pool.query('insert into follows (id, account_id, target_account_id) values ($1, $2, $3)', [createIdGenerator()(), merge.accountId, merge.authorId]);
    assert.deepEqual(await home(), [own.body.id], 'no job has merged the followed account yet');
    const db = server.app.database.db;
    await db.transaction((tx) => server.app.jobs.enqueue(tx, 'feed.merge', merge));
    const merged = await eventually(async () => (await home()).length > 1 && (await home()), 10_000, 'the merged post');
    assert.deepEqual(merged, [own.body.id, status.body.id]);
  });
});

/** Lines the compiler must refuse: each `@ts-expect-error` fails the type-check if its line compiles. */
export function refused(jobs: Jobs, tx: Executor): void {
  // @ts-expect-error a misspelt job name
  void jobs.enqueue(tx, 'feed.merg', { accountId: '1', authorId: '2' });
  // @ts-expect-error a payload without a field the job needs
  void jobs.enqueue(tx, 'feed.merge', { accountId: '1' });
  // @ts-expect-error the payload of another job
  void jobs.enqueue(tx, 'status.updated', { accountId: '1', authorId: '2' });
  // @ts-expect-error fan-out goes in batches: no job is named for it
  void jobs.enqueue(tx, 'status.fanout', { statusId: '1' });
  // @ts-expect-error the statement form checks names too
  void jobs.enqueueQuery('notification.lve', { items: [] });
  // @ts-expect-error a removal names the deleted status's author
  void jobs.enqueue(tx, 'status.removed', { statusId: '1', reblogIds: [], rebloggerIds: [], accountIds: [], public: true, direct: false, local: true, tags: [] });
  // @ts-expect-error every job needs a handler
  const handlers: Omit<JobHandlers, 'outbox'> = { 'feed.merge': async () => {} };
  void handlers;
}
