// The relation and account verbs announce each committed change once (core/changes), and the caches
// that hold what changed forget it: every change shows on the very next request, with the caches
// warmed just before it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CommittedChange } from '../../src/core/changes.ts';
import { call, signUp } from '../helpers/http.ts';
import { remoteAccountInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('committed changes forget what the caches hold', () => {
  let server: TestServer;
  const who: Record<string, { token: string; id: string }> = {};
  const announced: CommittedChange[] = [];

  async function account(name: string): Promise<{ token: string; id: string }> {
    const { token } = await signUp(server.url, name);
    who[name] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    return who[name]!;
  }

  /** The author as a page of statuses embeds it (from the shared account cache). */
  async function embedded(statusId: string, viewer: string): Promise<{ display_name: string; followers_count: number }> {
    const r = await call(server.url, `/api/v1/statuses/${statusId}`, { token: who[viewer]!.token });
    assert.equal(r.status, 200);
    return r.body.account;
  }

  /** Whom the author's next post is pushed to (from the remembered audience). */
  async function pushedTo(author: string): Promise<string[]> {
    const posted = await call(server.url, '/api/v1/statuses', { token: who[author]!.token, json: { status: 'news' } });
    await server.app.jobs.idle();
    return server.app.core.fanout.recipients(posted.body.id);
  }

  before(async () => {
    server = await startServer();
    for (const type of ['relation.changed', 'profile.updated', 'remote-accounts.changed', 'account.suspended'] as const) {
      server.app.core.changes.on(type, async (change) => void announced.push(change));
    }
    await account('writer');
    await account('reader');
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('a follow and an unfollow: counts on pages, the relationship and the audience', async () => {
    const post = (await call(server.url, '/api/v1/statuses', { token: who.writer!.token, json: { status: 'hello' } })).body.id as string;
    assert.equal((await embedded(post, 'reader')).followers_count, 0);
    assert.ok(!(await pushedTo('writer')).includes(who.reader!.id));
    announced.length = 0;
    const followed = await call(server.url, `/api/v1/accounts/${who.writer!.id}/follow`, { method: 'POST', token: who.reader!.token });
    assert.equal(followed.body.following, true);
    assert.deepEqual(announced, [{ type: 'relation.changed', relation: 'follow', actorId: who.reader!.id, otherId: who.writer!.id }], 'announced once');
    assert.equal((await embedded(post, 'reader')).followers_count, 1, 'the follower count moved at once');
    assert.ok((await pushedTo('writer')).includes(who.reader!.id), 'the next post reaches the new follower');
    await call(server.url, `/api/v1/accounts/${who.writer!.id}/unfollow`, { method: 'POST', token: who.reader!.token });
    assert.equal((await embedded(post, 'reader')).followers_count, 0);
    assert.ok(!(await pushedTo('writer')).includes(who.reader!.id), 'nor the one after the unfollow');
  });

  it('a follow request authorized, and a follower removed', async () => {
    const locked = await account('locked');
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: locked.token, json: { locked: true } });
    const asker = await account('asker');
    assert.deepEqual(await pushedTo('locked'), [locked.id]);
    await call(server.url, `/api/v1/accounts/${locked.id}/follow`, { method: 'POST', token: asker.token });
    assert.deepEqual(await pushedTo('locked'), [locked.id], 'a request is not a follow');
    announced.length = 0;
    const authorized = await call(server.url, `/api/v1/follow_requests/${asker.id}/authorize`, { method: 'POST', token: locked.token });
    assert.equal(authorized.body.followed_by, true);
    assert.deepEqual(announced, [{ type: 'relation.changed', relation: 'follow', actorId: locked.id, otherId: asker.id }]);
    assert.deepEqual((await pushedTo('locked')).sort(), [locked.id, asker.id].sort(), 'the accepted follower gets the next post');
    await call(server.url, `/api/v1/accounts/${asker.id}/remove_from_followers`, { method: 'POST', token: locked.token });
    assert.deepEqual(await pushedTo('locked'), [locked.id], 'a removed follower does not');
  });

  it('a block ends the follow, and a mute hides the posts, on the very next page', async () => {
    const blocker = await account('blocker');
    await call(server.url, `/api/v1/accounts/${blocker.id}/follow`, { method: 'POST', token: who.reader!.token });
    const post = (await call(server.url, '/api/v1/statuses', { token: blocker.token, json: { status: 'for followers', visibility: 'private' } })).body.id as string;
    assert.equal((await call(server.url, `/api/v1/statuses/${post}`, { token: who.reader!.token })).status, 200);
    announced.length = 0;
    await call(server.url, `/api/v1/accounts/${who.reader!.id}/block`, { method: 'POST', token: blocker.token });
    assert.deepEqual(announced, [{ type: 'relation.changed', relation: 'block', actorId: blocker.id, otherId: who.reader!.id }]);
    assert.equal((await call(server.url, `/api/v1/statuses/${post}`, { token: who.reader!.token })).status, 404, 'the block ended the follow at once');
    const rel = await call(server.url, `/api/v1/accounts/relationships?id[]=${blocker.id}`, { token: who.reader!.token });
    assert.deepEqual([rel.body[0].following, rel.body[0].blocked_by], [false, true]);

    const loud = await account('loud');
    await call(server.url, `/api/v1/accounts/${loud.id}/follow`, { method: 'POST', token: who.reader!.token });
    await call(server.url, '/api/v1/statuses', { token: loud.token, json: { status: 'loud news' } });
    await server.app.jobs.idle();
    const fromLoud = async () => ((await call(server.url, '/api/v1/timelines/home', { token: who.reader!.token })).body as { account: { id: string } }[]).filter((s) => s.account.id === loud.id);
    assert.equal((await fromLoud()).length, 1);
    await call(server.url, `/api/v1/accounts/${loud.id}/mute`, { method: 'POST', token: who.reader!.token });
    assert.equal((await fromLoud()).length, 0, 'muted: gone from the next page of the home timeline');
    await call(server.url, `/api/v1/accounts/${loud.id}/unmute`, { method: 'POST', token: who.reader!.token });
    assert.equal((await fromLoud()).length, 1, 'unmuted: back at once');
  });

  it('a profile update: the profile on pages and the settings behind the user’s own token', async () => {
    const post = (await call(server.url, '/api/v1/statuses', { token: who.writer!.token, json: { status: 'profile' } })).body.id as string;
    assert.equal((await embedded(post, 'reader')).display_name, '');
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: who.writer!.token })).body.source.privacy, 'public');
    announced.length = 0;
    const patch = { display_name: 'Writer, renamed', source: { privacy: 'unlisted' } };
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: who.writer!.token, json: patch });
    assert.deepEqual(announced, [{ type: 'profile.updated', accountId: who.writer!.id, userId: (await server.app.core.accounts.userByAccountId(who.writer!.id))!.user.id }]);
    assert.equal((await embedded(post, 'reader')).display_name, 'Writer, renamed');
    const next = await call(server.url, '/api/v1/statuses', { token: who.writer!.token, json: { status: 'default visibility' } });
    assert.equal(next.body.visibility, 'unlisted', 'the new default applies to the very next post');
  });

  it('a suspension: the account’s tokens stop working at once, and work again once lifted', async () => {
    const member = await account('member');
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: member.token })).status, 200);
    announced.length = 0;
    await server.app.core.accounts.setSuspended(member.id, true);
    assert.deepEqual(announced, [{ type: 'account.suspended', accountId: member.id, suspended: true }]);
    assert.notEqual((await call(server.url, '/api/v1/accounts/verify_credentials', { token: member.token })).status, 200);
    await server.app.core.accounts.setSuspended(member.id, false);
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: member.token })).status, 200);
  });

  it('a remote account refreshed: the account cache holds the new profile at once', async () => {
    const { core } = server.app;
    const input = remoteAccountInput('faraway', 'elsewhere.example');
    const { id } = await core.remoteAccounts.upsert(input);
    assert.equal((await core.accountViews.cachedByIds([id])).get(id)?.account.displayName, 'Far');
    announced.length = 0;
    await core.remoteAccounts.upsert({ ...input, displayName: 'Far away' });
    assert.deepEqual(announced, [{ type: 'remote-accounts.changed', accountIds: [id] }]);
    assert.equal((await core.accountViews.cachedByIds([id])).get(id)?.account.displayName, 'Far away');
    await core.remoteAccounts.markGone([input.uri]);
    assert.ok((await core.accountViews.cachedByIds([id])).get(id)?.account.suspendedAt, 'gone: suspended at once');
  });
});
