// Polls between two Parley servers (as two-servers.test.ts, over HTTPS with a test CA): a poll goes
// out as a Question and is read back with its options; a vote from the other server travels as a
// named Note, is counted and not shown as a reply; the new counts come back as an Update. An edit
// with new options is a new version in the history and starts the votes over; a stale copy is read
// again when someone looks at it; the counts reach the voters' servers. With an independent Fedify server: a poll that ends is read again
// and its result told to the local voters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Temporal } from '@js-temporal/polyfill';
import { Collection, Note, PUBLIC_COLLECTION, Question, Update } from '@fedify/vocab';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
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
  /** the first test's poll: its status on A and on B */
  const first = { onA: '', onB: '' };

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
    Object.assign(first, { onA, onB });
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

  it('takes an edit of its options from the other server: a new version in the history with its poll, and the votes start over', async () => {
    const edited = await call(a.url, `/api/v1/statuses/${first.onA}`, {
      method: 'PUT',
      token: alice.token,
      json: { status: 'Tea or coffee?', poll: { options: ['tea', 'juice'], expires_in: 86_400 } },
    });
    assert.equal(edited.status, 200);
    const onB = await eventually(
      async () => {
        const poll = await pollOn(b, bob.token, first.onB);
        return poll.options[1].title === 'juice' ? poll : null;
      },
      20_000,
      'the edit on B',
    );
    assert.equal(onB.voted, false, "bob's vote was for options that are gone");
    assert.deepEqual(onB.own_votes, []);
    assert.equal(onB.votes_count, 0);
    const history = await call(b.url, `/api/v1/statuses/${first.onB}/history`, { token: bob.token });
    assert.equal(history.status, 200);
    assert.deepEqual(
      history.body.map((v: { poll: { options: { title: string }[] } | null }) => v.poll?.options.map((o) => o.title)),
      [
        ['tea', 'coffee'],
        ['tea', 'juice'],
      ],
    );
    assert.equal((await call(b.url, `/api/v1/polls/${onB.id}/votes`, { method: 'POST', token: bob.token, json: { choices: [1] } })).status, 200, 'bob may vote again');
  });

  it('reads a remote poll again when someone looks at it stale: its counts catch up', async () => {
    const [erin, carol] = await Promise.all([signUp(a.url, 'erin'), signUp(b.url, 'carol')]);
    // Erin has no followers on B: B hears nothing of the votes on A.
    const posted = await call(a.url, '/api/v1/statuses', { token: erin.token, json: { status: 'Cats or dogs?', poll: { options: ['cats', 'dogs'], expires_in: 86_400 } } });
    const found = await call(b.url, `/api/v2/search?type=statuses&resolve=true&q=${encodeURIComponent(posted.body.uri)}`, { token: carol.token });
    const pollId = found.body.statuses[0].poll.id as string;
    assert.equal(found.body.statuses[0].poll.votes_count, 0);
    assert.equal((await call(a.url, `/api/v1/polls/${posted.body.poll.id}/votes`, { method: 'POST', token: dave.token, json: { choices: [1] } })).status, 200);
    // The copy on B was read a minute ago.
    await b.app.database.pool.query(`update polls set last_fetched_at = now() - interval '2 minutes' where id = $1`, [pollId]);
    // Carol's GETs of the poll on B, until it has this many votes: then its counts per option.
    const countsOnB = async (votes: number, what: string) => {
      const poll = await eventually(
        async () => {
          const p = (await call(b.url, `/api/v1/polls/${pollId}`, { token: carol.token })).body;
          return p.votes_count === votes ? p : null;
        },
        20_000,
        what,
      );
      return poll.options.map((o: { votes_count: number }) => o.votes_count);
    };
    assert.deepEqual(await countsOnB(1, 'the counts read again on B'), [0, 1]);

    // Once Carol voted, B is a voter's server: it hears of the new counts (read a moment ago, it is not read again).
    assert.equal((await call(b.url, `/api/v1/polls/${pollId}/votes`, { method: 'POST', token: carol.token, json: { choices: [0] } })).status, 200);
    await eventually(async () => (await pollOn(a, alice.token, posted.body.id)).votes_count === 2, 20_000, "carol's vote on A");
    assert.equal((await call(a.url, `/api/v1/polls/${posted.body.poll.id}/votes`, { method: 'POST', token: alice.token, json: { choices: [0] } })).status, 200);
    assert.deepEqual(await countsOnB(3, "alice's vote heard on B"), [2, 1]);
  });
});

describe('a poll on an independent Fedify server', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let parley: TestServer;
  let peer: FedifyPeer;
  let ana: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    [parley, peer] = await Promise.all([startServer(FEDERATE, { tls: tls!, proxy: true }), startFedifyPeer(tls!)]);
    ana = await signUp(parley.url, 'ana');
  });
  after(async () => {
    await Promise.all([parley?.stop(), peer?.stop()]);
  });

  const question = (id: URL, state: { endTime: Temporal.Instant; closed?: Temporal.Instant; votes: [number, number] }) =>
    new Question({
      id,
      attribution: peer.actorUri,
      content: '<p>Rain tomorrow?</p>',
      to: PUBLIC_COLLECTION,
      exclusiveOptions: ['yes', 'no'].map((name, i) => new Note({ name, replies: new Collection({ totalItems: state.votes[i]! }) })),
      endTime: state.endTime,
      closed: state.closed ?? null,
      voters: state.votes[0] + state.votes[1],
    });

  it('tells a local voter the result when the poll ends, as its server serves it then', async () => {
    const id = new URL('/questions/1', peer.origin);
    peer.questions.set('1', question(id, { endTime: Temporal.Now.instant().add({ hours: 1 }), votes: [0, 0] }));
    const found = await call(parley.url, `/api/v2/search?type=statuses&resolve=true&q=${encodeURIComponent(id.href)}`, { token: ana.token });
    const status = found.body.statuses[0];
    assert.equal(status.poll.expired, false);
    assert.equal((await call(parley.url, `/api/v1/polls/${status.poll.id}/votes`, { method: 'POST', token: ana.token, json: { choices: [0] } })).status, 200);
    await eventually(async () => peer.received.find((a) => a.type === 'Create' && a.object?.name === 'yes'), 20_000, 'the vote at the peer');

    // The peer closes its poll early and says so; what it serves from then on has counts the Update lacks.
    const ended = Temporal.Now.instant();
    peer.questions.set('1', question(id, { endTime: ended, closed: ended, votes: [1, 2] }));
    const update = new Update({ id: new URL('/questions/1#closed', peer.origin), actor: peer.actorUri, object: question(id, { endTime: ended, closed: ended, votes: [1, 0] }), to: PUBLIC_COLLECTION });
    await peer.context().sendActivity({ identifier: 'relay' }, { id: new URL(`${parley.url}/users/ana`), inboxId: new URL(`${parley.url}/users/ana/inbox`) }, update, { immediate: true });

    const notice = await eventually(
      async () => (await call(parley.url, '/api/v1/notifications?types[]=poll', { token: ana.token })).body.find((n: { status?: { id: string } }) => n.status?.id === status.id),
      20_000,
      "ana's poll notification",
    );
    assert.equal(notice.account.acct, peer.handle);
    assert.equal(notice.status.poll.expired, true);
    assert.deepEqual(
      notice.status.poll.options.map((o: { votes_count: number }) => o.votes_count),
      [1, 2],
      'read again from its server at its end',
    );
    assert.deepEqual(notice.status.poll.own_votes, [0]);
    assert.deepEqual(parley.problems, []);
  });
});
