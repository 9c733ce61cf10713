// Deliveries are durable: activities queued by a server that stops are delivered when it starts
// again, each exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const FEDERATE = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' };
const POSTS = 5;

describe('delivery across a restart', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let a: TestServer;
  let b: TestServer;
  const creates: string[] = [];

  before(async () => {
    a = await startServer(FEDERATE, { tls: tls!, proxy: true });
    b = await startServer(FEDERATE, {
      tls: tls!,
      proxy: true,
      onRequest: (request) => {
        // Count the Create activities that reach B's inboxes (bodies are read without consuming the request).
        if (request.method === 'POST' && /\/inbox$/.test(new URL(request.url).pathname)) {
          void request
            .clone()
            .json()
            .then(
              (json) => {
                const body = json as { type?: string; id?: string };
                if (body.type === 'Create' && body.id) creates.push(body.id);
              },
              () => {},
            );
        }
      },
    });
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('delivers what was queued before the sender stopped, exactly once', async () => {
    const alice = await signUp(a.url, 'alice');
    const bob = await signUp(b.url, 'bob');
    const handle = `alice@${new URL(a.url).host}`;
    const aliceOnB = (await call(b.url, `/api/v1/accounts/search?q=${encodeURIComponent(handle)}&resolve=true`, { token: bob.token })).body[0].id;
    await call(b.url, `/api/v1/accounts/${aliceOnB}/follow`, { method: 'POST', token: bob.token });
    await eventually(async () => (await call(b.url, `/api/v1/accounts/relationships?id[]=${aliceOnB}`, { token: bob.token })).body[0].following, 20_000, 'the follow');
    await a.app.jobs.idle(20_000);

    // A web process only (no worker): the posts are written, their deliveries wait in the queue.
    await a.stop({ keepData: true });
    a = await startServer(FEDERATE, { tls: tls!, proxy: true, restartOf: a, worker: false });
    const uris: string[] = [];
    for (let i = 0; i < POSTS; i++) {
      const posted = await call(a.url, '/api/v1/statuses', { token: alice.token, json: { status: `Communiqué ${i}` } });
      assert.equal(posted.status, 200);
      uris.push(posted.body.uri);
    }
    await b.app.jobs.idle(20_000);
    assert.equal(creates.length, 0, 'nothing was delivered while no worker ran');

    // Stop with the deliveries queued, and start again with a worker.
    await a.stop({ keepData: true });
    a = await startServer(FEDERATE, { tls: tls!, proxy: true, restartOf: a });
    const statuses = await eventually(
      async () => {
        const list = (await call(b.url, `/api/v1/accounts/${aliceOnB}/statuses`, { token: bob.token })).body;
        return list.length === POSTS ? list : null;
      },
      30_000,
      'every post on B',
    );
    await Promise.all([a.app.jobs.idle(20_000), b.app.jobs.idle(20_000)]);
    assert.deepEqual(statuses.map((s: { uri: string }) => s.uri).sort(), [...uris].sort());
    assert.equal(creates.length, POSTS, 'each Create arrived once');
    assert.equal(new Set(creates).size, POSTS);
    const home = (await call(b.url, '/api/v1/timelines/home', { token: bob.token })).body;
    assert.equal(home.filter((s: { uri: string }) => uris.includes(s.uri)).length, POSTS);
  });
});
