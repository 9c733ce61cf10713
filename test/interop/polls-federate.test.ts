// Polls between two Parley servers (as two-servers.test.ts, over HTTPS with a test CA): a poll goes
// out as a Question and is read back with its options; a vote from the other server travels as a
// named Note, is counted and not shown as a reply; the new counts come back as an Update.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const FEDERATE = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' };

describe('polls between two Parley servers', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let a: TestServer;
  let b: TestServer;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let dave: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    [a, b] = await Promise.all([startServer(FEDERATE, { tls: tls!, proxy: true }), startServer(FEDERATE, { tls: tls!, proxy: true })]);
    [alice, dave, bob] = await Promise.all([signUp(a.url, 'alice'), signUp(a.url, 'dave'), signUp(b.url, 'bob')]);
    // Bob (on B) follows Alice (on A).
    const handle = `alice@${new URL(a.url).host}`;
    const found = await call(b.url, `/api/v1/accounts/search?q=${encodeURIComponent(handle)}&resolve=true`, { token: bob.token });
    await call(b.url, `/api/v1/accounts/${found.body[0].id}/follow`, { method: 'POST', token: bob.token });
    await eventually(async () => (await call(b.url, `/api/v1/accounts/relationships?id[]=${found.body[0].id}`, { token: bob.token })).body[0].following, 20_000, 'the Accept');
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const pollOn = (server: TestServer, token: string, statusId: string) => call(server.url, `/api/v1/statuses/${statusId}`, { token }).then((r) => r.body.poll);

  it('sends a poll as a Question, counts a vote from the other server, and sends the new counts back', async () => {
    const posted = await call(a.url, '/api/v1/statuses', { token: alice.token, json: { status: 'Tea or coffee?', poll: { options: ['tea', 'coffee'], expires_in: 86_400 } } });
    assert.equal(posted.status, 200);
    const onA = posted.body.id as string;
    // Its URL answers with the Question.
    const object = (await fetch(posted.body.uri, { headers: { accept: 'application/activity+json' } }).then((r) => r.json())) as {
      type: string;
      oneOf: { name: string; replies: { totalItems: number } }[];
    };
    assert.equal(object.type, 'Question');
    assert.deepEqual(
      object.oneOf.map((o) => [o.name, o.replies.totalItems]),
      [
        ['tea', 0],
        ['coffee', 0],
      ],
    );

    // On B, with its poll.
    const home = await eventually(
      async () => (await call(b.url, '/api/v1/timelines/home', { token: bob.token })).body.find((s: { uri: string }) => s.uri === posted.body.uri),
      20_000,
      'the poll on B',
    );
    const onB = home.id as string;
    assert.deepEqual(
      home.poll.options.map((o: { title: string }) => o.title),
      ['tea', 'coffee'],
    );
    assert.equal(home.poll.voted, false);

    // Bob votes on B: A counts it, and does not show it as a reply.
    const voted = await call(b.url, `/api/v1/polls/${home.poll.id}/votes`, { method: 'POST', token: bob.token, json: { choices: [1] } });
    assert.equal(voted.status, 200);
    assert.deepEqual(voted.body.own_votes, [1]);
    const counted = await eventually(async () => ((await pollOn(a, alice.token, onA)).votes_count === 1 ? pollOn(a, alice.token, onA) : null), 20_000, "bob's vote on A");
    assert.deepEqual(
      counted.options.map((o: { votes_count: number }) => o.votes_count),
      [0, 1],
    );
    const status = await call(a.url, `/api/v1/statuses/${onA}`, { token: alice.token });
    assert.equal(status.body.replies_count, 0, 'a vote is not a reply');
    assert.equal((await call(a.url, `/api/v1/statuses/${onA}/context`, { token: alice.token })).body.descendants.length, 0);

    // Dave votes on A: B hears of both votes through the Question's update.
    assert.equal((await call(a.url, `/api/v1/polls/${posted.body.poll.id}/votes`, { method: 'POST', token: dave.token, json: { choices: [0] } })).status, 200);
    const updated = await eventually(async () => ((await pollOn(b, bob.token, onB)).votes_count === 2 ? pollOn(b, bob.token, onB) : null), 20_000, 'the new counts on B');
    assert.deepEqual(
      updated.options.map((o: { votes_count: number }) => o.votes_count),
      [1, 1],
    );
    assert.deepEqual(updated.own_votes, [1], "bob's own vote stays his");
  });
});
