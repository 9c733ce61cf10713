// Fan-out runs a batch of statuses through one recipients query. Each status must reach exactly
// whom it would reach alone: replies, reblogs, languages, mutes, blocks, exclusive lists and direct
// messages are decided per status, never mixed up between the statuses of a batch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('fan-out in batches', () => {
  let server: TestServer;
  const who: Record<string, { token: string; id: string }> = {};
  const posted: string[] = [];

  before(async () => {
    server = await startServer();
    for (const name of ['viewer', 'second', 'anna', 'ben', 'carl', 'dora']) {
      const { token } = await signUp(server.url, name);
      who[name] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    const act = (actor: string, path: string, json: Record<string, unknown> = {}) => call(server.url, path, { method: 'POST', token: who[actor]!.token, json });
    for (const follower of ['viewer', 'second']) {
      await act(follower, `/api/v1/accounts/${who.anna!.id}/follow`);
      await act(follower, `/api/v1/accounts/${who.carl!.id}/follow`);
      await act(follower, `/api/v1/accounts/${who.dora!.id}/follow`);
    }
    await act('viewer', `/api/v1/accounts/${who.ben!.id}/follow`, { reblogs: false, languages: ['en'] });
    await act('second', `/api/v1/accounts/${who.ben!.id}/follow`);
    await act('second', `/api/v1/accounts/${who.carl!.id}/mute`);
    await act('viewer', `/api/v1/accounts/${who.dora!.id}/block`);
    await act('viewer', `/api/v1/accounts/${who.dora!.id}/unblock`);
    await act('dora', `/api/v1/accounts/${who.second!.id}/block`);
    const list = (await act('second', '/api/v1/lists', { title: 'Anna apart', exclusive: true })).body;
    await act('second', `/api/v1/lists/${list.id}/accounts`, { account_ids: [who.anna!.id] });

    const post = async (name: string, json: Record<string, unknown>) => {
      const id = (await act(name, '/api/v1/statuses', json)).body.id as string;
      posted.push(id);
      return id;
    };
    // Not part of the batch: keeps both feeds from being empty (an empty feed is rebuilt on read).
    await act('ben', '/api/v1/statuses', { status: 'Ben, kept', language: 'en' });
    const fromCarl = await post('carl', { status: 'Carl speaks' });
    const fromBen = await post('ben', { status: 'Ben in English', language: 'en' });
    await post('ben', { status: 'Ben auf Deutsch', language: 'de' });
    await post('anna', { status: 'Anna answers Ben', in_reply_to_id: fromBen });
    await post('anna', { status: 'Anna alone' });
    await post('dora', { status: 'Dora speaks' });
    await post('anna', { status: `@viewer for you only`, visibility: 'direct' });
    posted.push((await act('ben', `/api/v1/statuses/${fromCarl}/reblog`)).body.id);
    posted.push((await act('anna', `/api/v1/statuses/${fromCarl}/reblog`)).body.id);
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('reaches, for each status of a batch, exactly whom it reaches alone', async () => {
    const { fanout } = server.app.core;
    const together = await fanout.audiences(posted);
    const reached = new Set<string>();
    for (const id of posted) {
      const alone = [...(await fanout.recipients(id))].sort();
      assert.deepEqual([...(together.get(id) ?? [])].sort(), alone, `status ${id}`);
      for (const account of alone) reached.add(`${id}:${account}`);
    }
    // The rules did decide something: the viewer got some of these and not others.
    const toViewer = posted.filter((id) => reached.has(`${id}:${who.viewer!.id}`));
    assert.ok(toViewer.length > 0 && toViewer.length < posted.length, `the viewer got ${toViewer.length} of ${posted.length}`);
    const toSecond = posted.filter((id) => reached.has(`${id}:${who.second!.id}`));
    assert.notDeepEqual(toViewer, toSecond);
  });

  it('writes a batch into the same home timelines as one status at a time', async () => {
    const home = async (name: string) => ((await call(server.url, '/api/v1/timelines/home?limit=40', { token: who[name]!.token })).body as { id: string }[]).map((s) => s.id);
    const before = { viewer: await home('viewer'), second: await home('second') };
    // Feeds emptied and rebuilt from the whole batch at once.
    await server.app.core.fanout.removed(posted, [who.viewer!.id, who.second!.id]);
    for (const name of ['viewer', 'second']) {
      const emptied = await home(name);
      assert.ok(emptied.length > 0 && posted.every((id) => !emptied.includes(id)), `the posts left ${name}'s feed`);
    }
    await server.app.core.fanout.statuses(posted);
    assert.deepEqual(await home('viewer'), before.viewer);
    assert.deepEqual(await home('second'), before.second);
  });
});

describe('counting posts on the profile, by fan-out', () => {
  it('counts each post once, and a post deleted before its fan-out never', async () => {
    let server = await startServer();
    try {
      const { token } = await signUp(server.url, 'counted');
      const post = async (status: string) => (await call(server.url, '/api/v1/statuses', { token, json: { status } })).body.id as string;
      const profile = async () => (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.statuses_count as number;
      const remove = async (id: string) => assert.equal((await call(server.url, `/api/v1/statuses/${id}`, { method: 'DELETE', token })).status, 200);
      const first = await Promise.all(['one', 'two', 'three'].map(post));
      await server.app.jobs.idle();
      assert.equal(await profile(), 3);

      // A web process alone: posts wait in the fan-out queue.
      await server.stop({ keepData: true });
      server = await startServer({}, { restartOf: server, worker: false });
      await post('four');
      const early = await post('gone before its fan-out');
      assert.equal(await profile(), 3, 'not counted before fan-out');
      await remove(early);
      assert.equal(await profile(), 3, 'a post still queued is taken out of the queue, not subtracted');

      // A process with a worker drains the queue.
      await server.stop({ keepData: true });
      server = await startServer({}, { restartOf: server });
      await server.app.jobs.idle();
      assert.equal(await profile(), 4);
      await remove(first[0]!);
      await server.app.jobs.idle();
      assert.equal(await profile(), 3);
      const { rows } = await server.app.database.pool.query('select count(*)::int as n from job_batches');
      assert.equal(rows[0].n, 0);
    } finally {
      await server.stop();
    }
  });
});
