// Polls through masto.js: posted with a status, shown on it everywhere, voted in (each rule
// Mastodon applies), counted exactly under concurrent votes, hidden with a status others may not
// see, closed by their job with 'poll' notifications, and their new counts sent live to open streams.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, listening, rawSocket } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';

describe('polls', () => {
  let server: TestServer;
  let alice: mastodon.rest.Client;
  let bob: mastodon.rest.Client;
  let carol: mastodon.rest.Client;
  let tokens: { alice: string; bob: string; carol: string };

  before(async () => {
    server = await startServer();
    const [a, b, c] = [await signUp(server.url, 'alice'), await signUp(server.url, 'bob'), await signUp(server.url, 'carol')];
    tokens = { alice: a.token, bob: b.token, carol: c.token };
    const client = (u: { token: string }) => createRestAPIClient({ url: server.url, accessToken: u.token });
    [alice, bob, carol] = [client(a), client(b), client(c)];
    // Bob follows Alice; Carol does not.
    await bob.v1.accounts.$select((await alice.v1.accounts.verifyCredentials()).id).follow();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const week = 7 * 24 * 3600;
  const newPoll = (poll: Partial<mastodon.rest.v1.CreateStatusParams['poll'] & object> = {}, visibility: mastodon.v1.StatusVisibility = 'public') =>
    alice.v1.statuses.create({ status: 'Tea or coffee?', visibility, poll: { options: ['tea', 'coffee', 'water'], expiresIn: week, ...poll } });

  it('posts a poll and shows it on the status, to its author and to others', async () => {
    const status = await newPoll();
    const poll = status.poll!;
    assert.deepEqual(
      poll.options.map((o) => [o.title, o.votesCount]),
      [
        ['tea', 0],
        ['coffee', 0],
        ['water', 0],
      ],
    );
    assert.equal(poll.multiple, false);
    assert.equal(poll.expired, false);
    assert.equal(poll.votesCount, 0);
    assert.equal(poll.votersCount, null, 'given for multiple-choice polls only');
    assert.ok(Math.abs(new Date(poll.expiresAt!).getTime() - (Date.now() + week * 1000)) < 60_000);
    // Its author counts as having voted (Mastodon shows the author the results).
    assert.equal(poll.voted, true);
    assert.deepEqual(poll.ownVotes, []);
    const seen = await bob.v1.statuses.$select(status.id).fetch();
    assert.equal(seen.poll!.id, poll.id);
    assert.equal(seen.poll!.voted, false);
    const home = await eventually(async () => (await bob.v1.timelines.home.list()).find((s) => s.id === status.id), 10_000, 'the poll at home');
    assert.equal(home.poll!.id, poll.id);
    // Anonymous readers get no voted/own_votes.
    const anonymous = await call(server.url, `/api/v1/polls/${poll.id}`);
    assert.equal(anonymous.status, 200);
    assert.equal('voted' in anonymous.body, false);
    assert.equal(anonymous.body.options.length, 3);
  });

  it('counts a vote, shows the voter its choices, and refuses what Mastodon refuses', async () => {
    const status = await newPoll();
    const id = status.poll!.id;
    const voted = await bob.v1.polls.$select(id).votes.create({ choices: [1] });
    assert.equal(voted.voted, true);
    assert.deepEqual(voted.ownVotes, [1]);
    assert.deepEqual(
      voted.options.map((o) => o.votesCount),
      [0, 1, 0],
    );
    assert.equal(voted.votesCount, 1);
    assert.deepEqual((await bob.v1.statuses.$select(status.id).fetch()).poll!.ownVotes, [1], 'the status shows it too');
    assert.equal((await carol.v1.polls.$select(id).fetch()).voted, false, 'another reader has not voted');
    const vote = (token: string, choices: unknown) => call(server.url, `/api/v1/polls/${id}/votes`, { method: 'POST', token, json: { choices } });
    assert.equal((await vote(tokens.bob, [0])).status, 422, 'already voted');
    assert.equal((await vote(tokens.alice, [0])).status, 422, 'own poll');
    assert.equal((await vote(tokens.carol, [3])).status, 422, 'no such option');
    assert.equal((await vote(tokens.carol, [0, 1])).status, 422, 'one choice only');
    assert.equal((await vote(tokens.carol, [])).status, 422, 'no choice');
    assert.equal((await call(server.url, '/api/v1/polls/123456789/votes', { method: 'POST', token: tokens.carol, json: { choices: [0] } })).status, 404);
    assert.equal((await carol.v1.polls.$select(id).fetch()).votesCount, 1, 'refused votes counted nothing');
  });

  it('takes several choices on a multiple-choice poll, and hides totals until it ends when asked', async () => {
    const status = await newPoll({ multiple: true, hideTotals: true });
    const voted = await bob.v1.polls.$select(status.poll!.id).votes.create({ choices: [0, 2] });
    assert.deepEqual(voted.ownVotes, [0, 2]);
    assert.equal(voted.votesCount, 2);
    assert.equal(voted.votersCount, 1);
    assert.deepEqual(
      voted.options.map((o) => o.votesCount),
      [null, null, null],
    );
    assert.deepEqual(
      (await alice.v1.polls.$select(status.poll!.id).fetch()).options.map((o) => o.votesCount),
      [null, null, null],
      'hidden from its author too, as Mastodon',
    );
  });

  it('refuses a poll that breaks the rules, and a poll with media', async () => {
    const post = (poll: unknown, extra: object = {}) => call(server.url, '/api/v1/statuses', { method: 'POST', token: tokens.alice, json: { status: 'q', poll, ...extra } });
    assert.equal((await post({ options: ['only one'], expires_in: week })).status, 422);
    assert.equal((await post({ options: ['a', 'b', 'c', 'd', 'e'], expires_in: week })).status, 422);
    assert.equal((await post({ options: ['a', 'a'], expires_in: week })).status, 422);
    assert.equal((await post({ options: ['a', '  '], expires_in: week })).status, 422);
    assert.equal((await post({ options: ['a', 'b'.repeat(51)], expires_in: week })).status, 422);
    assert.equal((await post({ options: ['a', 'b'], expires_in: 299 })).status, 422);
    assert.equal((await post({ options: ['a', 'b'], expires_in: 30 * 24 * 3600 + 1 })).status, 422);
    assert.equal((await post({ options: ['a', 'b'], expires_in: 300 }, { media_ids: ['1'] })).status, 422);
    assert.equal((await post({ options: ['a', 'b'.repeat(50)], expires_in: 300 })).status, 200);
  });

  it('hides the poll of a followers-only post from others, through every door', async () => {
    const status = await newPoll({}, 'private');
    const id = status.poll!.id;
    assert.equal((await call(server.url, `/api/v1/polls/${id}`, { token: tokens.carol })).status, 404);
    assert.equal((await call(server.url, `/api/v1/polls/${id}`)).status, 404);
    assert.equal((await call(server.url, `/api/v1/polls/${id}/votes`, { method: 'POST', token: tokens.carol, json: { choices: [0] } })).status, 404);
    assert.equal((await call(server.url, `/api/v1/statuses/${status.id}`, { token: tokens.carol })).status, 404);
    // A follower sees and votes.
    assert.deepEqual((await bob.v1.polls.$select(id).votes.create({ choices: [2] })).ownVotes, [2]);
  });

  it('counts every vote exactly when many vote at once', async () => {
    const status = await newPoll({ multiple: true });
    const id = status.poll!.id;
    const voters = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp(server.url, `voter${i}`)));
    const answers = await Promise.all(voters.map((v, i) => call(server.url, `/api/v1/polls/${id}/votes`, { method: 'POST', token: v.token, json: { choices: i % 3 === 0 ? [0, 1] : [i % 3] } })));
    assert.deepEqual(
      answers.map((a) => a.status),
      voters.map(() => 200),
    );
    const poll = await alice.v1.polls.$select(id).fetch();
    // 10 voters chose tea and coffee, 10 coffee, 10 water.
    assert.deepEqual(
      poll.options.map((o) => o.votesCount),
      [10, 20, 10],
    );
    assert.equal(poll.votesCount, 40);
    assert.equal(poll.votersCount, 30);
  });

  it('sends its new counts to open streams as a status.update', async () => {
    const status = await newPoll();
    const id = status.poll!.id;
    const socket = await rawSocket(server.url, '?stream=public', [tokens.alice]);
    try {
      await listening(server.app.bus, channel.public('all'), socket);
      await Promise.all([bob.v1.polls.$select(id).votes.create({ choices: [1] }), carol.v1.polls.$select(id).votes.create({ choices: [2] })]);
      type Shown = { id: string; poll: { votes_count: number; options: { votes_count: number }[] } };
      const counted = (f: { event?: string; payload?: string }) =>
        f.event === 'status.update' && (JSON.parse(f.payload!) as Shown).id === status.id && (JSON.parse(f.payload!) as Shown).poll.votes_count === 2;
      const frame = await socket.next(counted, 15_000);
      assert.deepEqual(
        (JSON.parse(frame.payload!) as Shown).poll.options.map((o) => o.votes_count),
        [0, 1, 1],
      );
    } finally {
      socket.ws.close();
    }
  });

  it('closes a poll at its end: refuses votes, notifies its author and local voters', async () => {
    const status = await newPoll();
    const id = status.poll!.id;
    await bob.v1.polls.$select(id).votes.create({ choices: [0] });
    // Its end brought forward to now, with its job.
    const db = server.app.database.pool;
    await db.query(`update polls set expires_at = now() - interval '1 second' where id = $1`, [id]);
    await db.query(`update graphile_worker._private_jobs set run_at = now() where payload->>'pollId' = $1`, [id]);
    const pollNotice = (client: mastodon.rest.Client) => async () => (await client.v1.notifications.list({ types: ['poll'] })).find((n) => n.status?.id === status.id);
    const toBob = await eventually(pollNotice(bob), 15_000, "bob's poll notification");
    assert.equal(toBob.type, 'poll');
    assert.equal(toBob.account.username, 'alice');
    assert.equal(toBob.status!.poll!.expired, true);
    await eventually(pollNotice(alice), 15_000, "alice's poll notification");
    assert.equal((await carol.v1.notifications.list({ types: ['poll'] })).length, 0, 'carol did not vote');
    const closed = await carol.v1.polls.$select(id).fetch();
    assert.equal(closed.expired, true);
    assert.equal((await call(server.url, `/api/v1/polls/${id}/votes`, { method: 'POST', token: tokens.carol, json: { choices: [0] } })).status, 422);
  });

  it('edits a poll: new options start its votes over, the same keep them, none takes it off; the history shows each version', async () => {
    const status = await newPoll();
    const id = status.poll!.id;
    await bob.v1.polls.$select(id).votes.create({ choices: [0] });
    // The same options, a new end: the votes stay.
    const kept = await alice.v1.statuses.$select(status.id).update({ status: 'Tea or coffee, really?', poll: { options: ['tea', 'coffee', 'water'], expiresIn: 3600 } });
    assert.equal(kept.poll!.id, id);
    assert.equal(kept.poll!.votesCount, 1);
    assert.ok(new Date(kept.poll!.expiresAt!).getTime() < Date.now() + 2 * 3600_000, 'its end moved');
    // Other options: the votes start over, and the voter may vote again.
    const changed = await alice.v1.statuses.$select(status.id).update({ status: 'Tea or juice?', poll: { options: ['tea', 'juice'], expiresIn: week } });
    assert.deepEqual(
      changed.poll!.options.map((o) => [o.title, o.votesCount]),
      [
        ['tea', 0],
        ['juice', 0],
      ],
    );
    const seen = await bob.v1.polls.$select(id).fetch();
    assert.equal(seen.voted, false);
    assert.deepEqual((await bob.v1.polls.$select(id).votes.create({ choices: [1] })).ownVotes, [1]);
    // An edit without a poll takes it off (as Mastodon).
    const without = await alice.v1.statuses.$select(status.id).update({ status: 'No more poll' });
    assert.equal(without.poll, null);
    assert.equal((await call(server.url, `/api/v1/polls/${id}`, { token: tokens.bob })).status, 404);
    const history = await bob.v1.statuses.$select(status.id).history.list();
    assert.deepEqual(
      // masto.js types a version without its poll; Mastodon gives its options.
      history.map((h) => (h as unknown as { poll: { options: { title: string }[] } | null }).poll?.options.map((o) => o.title) ?? null),
      [['tea', 'coffee', 'water'], ['tea', 'coffee', 'water'], ['tea', 'juice'], null],
    );
    // A poll added by an edit.
    const added = await alice.v1.statuses.$select(status.id).update({ status: 'Back again', poll: { options: ['yes', 'no'], expiresIn: 300 } });
    assert.deepEqual(
      added.poll!.options.map((o) => o.title),
      ['yes', 'no'],
    );
    assert.notEqual(added.poll!.id, id);
  });
});
