// Discovery through masto.js and megalodon: the profile directory lists only accounts that opted in
// (never suspended ones, nor, for a viewer, those it blocks or mutes), by last post or by arrival;
// follow suggestions come from friends of friends and popular local accounts, never the viewer, an
// account it follows, blocks, mutes or dismissed; familiar followers are the viewer's followings
// that follow an account.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { call } from '../helpers/http.ts';
import { signedUp, type Person } from '../helpers/people.ts';
import { remoteAccountInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('discovery', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const person = (name: string, options: { discoverable?: boolean; hideCollections?: boolean } = {}): Promise<Person> =>
    signedUp(server.url, name, { discoverable: options.discoverable ?? false, hide_collections: options.hideCollections ?? false });
  const follow = async (who: Person, whom: Person) => assert.equal((await call(server.url, `/api/v1/accounts/${whom.id}/follow`, { method: 'POST', token: who.token })).status, 200);
  /** Posts, and waits until fan-out has counted it on the author's profile. */
  async function post(who: Person, text: string): Promise<void> {
    const before = (await who.masto.v1.accounts.verifyCredentials()).statusesCount;
    await who.masto.v1.statuses.create({ status: text });
    await eventually(async () => (await who.masto.v1.accounts.verifyCredentials()).statusesCount > before, 10_000, `${who.name}'s post counted`);
  }
  // masto.js 8 sends a bare array as `0=…&1=…`, which Mastodon would not read either: the ids go as `id[]`.
  const familiar = (who: Person, ids: string[]) => who.masto.v1.accounts.familiarFollowers.fetch({ id: ids } as unknown as string[]);
  const only = (names: string[], prefix: string) => names.filter((n) => n.startsWith(prefix));

  it('lists accounts that opted in, by last post or newest; never the others (masto.js, megalodon)', async () => {
    const quiet = await person('dir_quiet', { discoverable: true });
    const early = await person('dir_early', { discoverable: true });
    const late = await person('dir_late', { discoverable: true });
    const hidden = await person('dir_hidden');
    const gone = await person('dir_gone', { discoverable: true });
    const viewer = await person('dir_viewer');
    await post(early, 'first');
    await post(late, 'second');
    await post(hidden, 'not listed, whatever it posts');
    await server.app.core.accounts.setSuspended(gone.id, true);
    const far = await server.app.core.remoteAccounts.upsert(remoteAccountInput('dir_far', 'far.example'));
    await server.app.core.remoteAccounts.upsert(remoteAccountInput('dir_shy', 'far.example', { uri: 'https://far.example/users/dir_shy', discoverable: false }));

    const anonymous = createRestAPIClient({ url: server.url });
    const active = (await anonymous.v1.directory.list({ limit: 80 })).map((a) => a.acct);
    assert.deepEqual(only(active, 'dir_'), ['dir_late', 'dir_early', 'dir_far@far.example', 'dir_quiet'], 'most recent post first; never posted after, newest first');
    for (const never of ['dir_hidden', 'dir_gone', 'dir_viewer', 'dir_shy@far.example']) assert.ok(!active.includes(never), `${never} is not listed`);
    assert.ok(active.includes('dir_far@far.example'), 'remote accounts that opted in are listed');

    const newest = (await viewer.masto.v1.directory.list({ order: 'new', local: true, limit: 80 })).map((a) => a.acct);
    assert.deepEqual(only(newest, 'dir_'), ['dir_late', 'dir_early', 'dir_quiet'], 'newest account first, local only');

    // Paging with offset and limit over the same order.
    const all = only(
      (await anonymous.v1.directory.list({ order: 'new', local: true, limit: 80 })).map((a) => a.id),
      '',
    );
    const second = await anonymous.v1.directory.list({ order: 'new', local: true, offset: 1, limit: 2 });
    assert.deepEqual(
      second.map((a) => a.id),
      all.slice(1, 3),
    );

    // A viewer does not see accounts it blocks or mutes, nor those that block it.
    await call(server.url, `/api/v1/accounts/${early.id}/block`, { method: 'POST', token: viewer.token });
    await call(server.url, `/api/v1/accounts/${quiet.id}/mute`, { method: 'POST', token: viewer.token });
    await call(server.url, `/api/v1/accounts/${viewer.id}/block`, { method: 'POST', token: late.token });
    const seen = (await viewer.masto.v1.directory.list({ limit: 80 })).map((a) => a.acct);
    for (const name of ['dir_early', 'dir_quiet', 'dir_late']) assert.ok(!seen.includes(name), `${name} is hidden from the viewer`);
    assert.ok(seen.includes('dir_far@far.example'));

    // megalodon reads the same directory.
    const client = generator('mastodon', server.url, viewer.token);
    const viaMegalodon = (await client.getInstanceDirectory({ limit: 80, order: 'new' })).data.map((a) => a.acct);
    assert.ok(viaMegalodon.includes('dir_far@far.example'));
    assert.ok(!viaMegalodon.includes('dir_hidden'));
    assert.equal(far.discoverable, true);

    // Opting out takes an account out at once.
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: late.token, json: { discoverable: false } });
    assert.ok(!(await anonymous.v1.directory.list({ limit: 80 })).some((a) => a.acct === 'dir_late'));

    for (const bad of ['order=popular', 'offset=-1', 'limit=abc']) {
      const answer = await call(server.url, `/api/v1/directory?${bad}`);
      assert.equal(answer.status, 422, bad);
      assert.equal(typeof answer.body.error, 'string');
    }
  });

  it('suggests friends of friends and popular local accounts, never the followed, blocked, muted or dismissed (masto.js)', async () => {
    const me = await person('sg_me');
    const [f1, f2, shy] = [await person('sg_f1'), await person('sg_f2'), await person('sg_shy', { hideCollections: true })];
    const [both, one, blocked, muted, followed, unlisted, viaShy, fan] = [
      await person('sg_both', { discoverable: true }),
      await person('sg_one', { discoverable: true }),
      await person('sg_blocked', { discoverable: true }),
      await person('sg_muted', { discoverable: true }),
      await person('sg_followed', { discoverable: true }),
      await person('sg_unlisted'),
      await person('sg_viashy', { discoverable: true }),
      await person('sg_fan'),
    ];
    const star = await person('sg_star', { discoverable: true });
    for (const f of [f1, f2, shy, followed]) await follow(me, f);
    for (const f of [f1, f2]) for (const t of [both, blocked, muted, followed, unlisted]) await follow(f, t);
    await follow(f1, one);
    await follow(f1, me);
    await follow(f2, f1);
    await follow(shy, viaShy);
    await follow(fan, star);
    await post(star, 'popular here');
    await post(both, 'also posting');
    await call(server.url, `/api/v1/accounts/${blocked.id}/block`, { method: 'POST', token: me.token });
    await call(server.url, `/api/v1/accounts/${muted.id}/mute`, { method: 'POST', token: me.token });

    const suggested = async () => (await me.masto.v2.suggestions.list({ limit: 80 })).filter((s) => s.account.username.startsWith('sg_'));
    const first = await suggested();
    assert.deepEqual(
      first.map((s) => [s.account.username, s.sources]),
      [
        ['sg_both', ['friends_of_friends', 'most_followed']],
        ['sg_one', ['friends_of_friends']],
        ['sg_star', ['most_followed']],
      ],
    );
    assert.equal(first[0]!.source, 'past_interactions');
    assert.equal(first[2]!.source, 'global');
    const v1 = (await me.masto.v1.suggestions.list({ limit: 80 })).map((a) => a.username).filter((n) => n.startsWith('sg_'));
    assert.deepEqual(v1, ['sg_both', 'sg_one', 'sg_star']);

    // Dismissed: gone from both versions, and remembered.
    await me.masto.v1.suggestions.$select(one.id).remove(undefined as unknown as string); // its type asks for a parameter the call does not need
    assert.deepEqual(
      (await suggested()).map((s) => s.account.username),
      ['sg_both', 'sg_star'],
    );
    assert.ok(!(await me.masto.v1.suggestions.list()).some((a) => a.id === one.id));
    // Following takes an account out; another user still gets what this one dismissed.
    await follow(me, star);
    assert.deepEqual(
      (await suggested()).map((s) => s.account.username),
      ['sg_both'],
    );
    const other = (await f2.masto.v2.suggestions.list({ limit: 80 })).map((s) => s.account.username);
    assert.ok(other.includes('sg_one'), 'a dismissal is the dismisser’s alone');
    assert.ok(!other.includes('sg_f2'), 'never yourself');

    // Limits, bad ids and scopes.
    assert.equal((await me.masto.v2.suggestions.list({ limit: 1 })).length, 1);
    assert.equal((await call(server.url, '/api/v1/suggestions/99999999', { method: 'DELETE', token: me.token })).status, 404);
    assert.equal((await call(server.url, '/api/v2/suggestions')).status, 401);
  });

  it('answers familiar followers: the accounts you follow that follow each account asked about (masto.js)', async () => {
    const me = await person('ff_me');
    const [a, b, hiding] = [await person('ff_a'), await person('ff_b'), await person('ff_hiding', { hideCollections: true })];
    const [target, other, closed] = [await person('ff_target'), await person('ff_other'), await person('ff_closed', { hideCollections: true })];
    for (const f of [a, b, hiding]) await follow(me, f);
    for (const f of [a, b, hiding]) await follow(f, target);
    await follow(a, other);
    await follow(a, closed);
    await follow(target, other);

    const found = await familiar(me, [target.id, other.id, closed.id, '99999999']);
    assert.deepEqual(
      found.map((f) => [f.id, f.accounts.map((x) => x.username)]),
      [
        [target.id, ['ff_b', 'ff_a']],
        [other.id, ['ff_a']],
        [closed.id, []],
      ],
      'newest follow first; whoever hides whom they follow is left out; an account hiding its followers has none; unknown ids are left out',
    );
    await server.app.core.accounts.setSuspended(b.id, true);
    const after = await familiar(me, [target.id]);
    assert.deepEqual(
      after[0]!.accounts.map((x) => x.username),
      ['ff_a'],
      'suspended accounts are left out',
    );
    assert.equal((await call(server.url, `/api/v1/accounts/familiar_followers?id[]=${target.id}`)).status, 401);
  });
});
