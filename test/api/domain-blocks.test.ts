// A user's domain blocks (/api/v1/domain_blocks), through masto.js, megalodon and raw HTTP, and what
// they do, as Mastodon does: follows both ways and pending requests with the domain end, its
// notifications go and no new ones come, following there is refused, the relationship says so, and
// its accounts' posts leave the user's home, lists, public and hashtag timelines and streams.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import generator from 'megalodon';
import type { Account } from '../../src/core/accounts/service.ts';
import { call, signUp } from '../helpers/http.ts';
import { remoteAccountInput, remoteStatusInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, listening, rawSocket, updateIds } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';

const BLOCKED = 'blocked.example';

describe('domain blocks', () => {
  let server: TestServer;
  let me: { token: string; id: string; client: mastodon.rest.Client };
  let anna: { token: string; id: string };
  let other: { token: string; id: string };
  const remote: Record<'near' | 'far' | 'pending' | 'fine', Account> = {} as never;
  let uris = 0;

  async function local(name: string) {
    const { token } = await signUp(server.url, name);
    const id = (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id as string;
    return { token, id };
  }
  const remotePost = (author: Account, text: string, extra: Parameters<typeof remoteStatusInput>[2] = {}) =>
    server.app.core.remoteStatuses.receive(author, remoteStatusInput(`https://${author.domain}/notes/${++uris}`, text, extra));
  const relationship = async (id: string) => (await me.client.v1.accounts.relationships.fetch({ id: [id] }))[0]!;
  const ids = async (path: string, token = me.token) => ((await call(server.url, path, { token })).body as { id: string }[]).map((s) => s.id);

  before(async () => {
    server = await startServer();
    const { core } = server.app;
    const mine = await local('me');
    me = { ...mine, client: createRestAPIClient({ url: server.url, accessToken: mine.token }) };
    anna = await local('anna');
    other = await local('other');
    for (const [name, domain] of [
      ['near', BLOCKED],
      ['far', BLOCKED],
      ['pending', BLOCKED],
      ['fine', 'fine.example'],
    ] as const) {
      remote[name] = await core.remoteAccounts.upsert(remoteAccountInput(name, domain));
    }
    await me.client.v1.accounts.$select(anna.id).follow();
    // me follows near (its server accepted) and asked pending; far follows me and mentioned me.
    await me.client.v1.accounts.$select(remote.near.id).follow();
    await core.relations.authorizeRequest(remote.near, me.id);
    await me.client.v1.accounts.$select(remote.pending.id).follow();
    await core.relations.follow(remote.far, me.id, {}, { uri: `https://${BLOCKED}/follows/1` });
    await remotePost(remote.far, 'hello @me', { mentionedIds: [me.id] });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('blocking a domain ends the follows and requests with it, and its notifications', async () => {
    assert.equal((await relationship(remote.near.id)).following, true);
    assert.equal((await relationship(remote.far.id)).followedBy, true);
    const before = await me.client.v1.notifications.list();
    assert.ok(before.some((n) => n.account.id === remote.far.id && n.type === 'mention'));
    assert.deepEqual(await me.client.v1.domainBlocks.list(), []);

    await me.client.v1.domainBlocks.create({ domain: ' Blocked.Example. ' });
    assert.deepEqual(await me.client.v1.domainBlocks.list(), [BLOCKED]);
    const near = await relationship(remote.near.id);
    assert.deepEqual([near.following, near.domainBlocking], [false, true]);
    const far = await relationship(remote.far.id);
    assert.deepEqual([far.followedBy, far.domainBlocking], [false, true]);
    assert.equal((await relationship(remote.pending.id)).requested, false);
    assert.equal((await relationship(remote.fine.id)).domainBlocking, false);
    assert.equal((await me.client.v1.notifications.list()).filter((n) => n.account.id === remote.far.id).length, 0);
    const counts = await me.client.v1.accounts.verifyCredentials();
    assert.deepEqual([counts.followingCount, counts.followersCount], [1, 0]);
  });

  it('refuses follows either way and takes no new notifications from the domain', async () => {
    const refused = await call(server.url, `/api/v1/accounts/${remote.near.id}/follow`, { method: 'POST', token: me.token });
    assert.equal(refused.status, 403);
    await assert.rejects(server.app.core.relations.follow(remote.far, me.id, {}, { uri: `https://${BLOCKED}/follows/2` }), /not allowed/);
    await remotePost(remote.far, 'hello again @me', { mentionedIds: [me.id] });
    await remotePost(remote.fine, 'hello from elsewhere @me', { mentionedIds: [me.id] });
    const notifications = await me.client.v1.notifications.list();
    assert.equal(notifications.filter((n) => n.account.id === remote.far.id).length, 0);
    assert.equal(notifications.filter((n) => n.account.id === remote.fine.id).length, 1);
  });

  it("leaves the domain's posts out of public, hashtag, home and list timelines", async () => {
    const nearPost = await remotePost(remote.near, 'from the blocked server #domaintest', { tagNames: ['domaintest'] });
    const finePost = await remotePost(remote.fine, 'from a fine server #domaintest', { tagNames: ['domaintest'] });
    const annaPost = (await call(server.url, '/api/v1/statuses', { token: anna.token, json: { status: 'my own' } })).body.id as string;
    const reblog = (await call(server.url, `/api/v1/statuses/${nearPost}/reblog`, { method: 'POST', token: anna.token })).body.id as string;
    await server.app.jobs.idle();
    for (const path of ['/api/v1/timelines/public', '/api/v1/timelines/public?remote=true', '/api/v1/timelines/tag/domaintest']) {
      const seen = await ids(path);
      assert.ok(seen.includes(finePost) && !seen.includes(nearPost), `${path} for the blocker`);
      assert.ok((await ids(path, other.token)).includes(nearPost), `${path} for others`);
    }
    const home = await ids('/api/v1/timelines/home');
    assert.ok(home.includes(annaPost) && !home.includes(reblog), 'home');
    assert.ok((await ids('/api/v1/timelines/home', anna.token)).includes(reblog), "the reblogger's own home");
    const list = await me.client.v1.lists.create({ title: 'friends' });
    await me.client.v1.lists.$select(list.id).accounts.create({ accountIds: [anna.id] });
    const listed = await ids(`/api/v1/timelines/list/${list.id}`);
    assert.ok(listed.includes(annaPost) && !listed.includes(reblog), 'list');
    assert.equal((await call(server.url, `/api/v1/statuses/${nearPost}`, { token: me.token })).status, 200, 'still readable by its address');
  });

  it("keeps the domain's posts off the blocker's public stream", async () => {
    const mine = await rawSocket(server.url, `?access_token=${me.token}&stream=public`);
    const theirs = await rawSocket(server.url, `?access_token=${other.token}&stream=public`);
    try {
      await listening(server.app.bus, channel.public('all'), mine);
      await listening(server.app.bus, channel.public('all'), theirs);
      const nearPost = await remotePost(remote.near, 'live from the blocked server');
      await eventually(async () => updateIds(theirs).includes(nearPost), 10_000, 'the post on the public stream of others');
      const finePost = await remotePost(remote.fine, 'live from a fine server');
      await eventually(async () => updateIds(mine).includes(finePost), 10_000, 'a later post on the blocker stream');
      assert.ok(!updateIds(mine).includes(nearPost));
    } finally {
      mine.ws.close();
      theirs.ws.close();
    }
  });

  it('pages the list with Link headers and unblocks through megalodon', async () => {
    for (const domain of ['a.example', 'b.example', 'c.example']) await me.client.v1.domainBlocks.create({ domain });
    const first = await call(server.url, '/api/v1/domain_blocks?limit=2', { token: me.token });
    assert.deepEqual(first.body, ['c.example', 'b.example']);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    assert.ok(next);
    const second = await call(server.url, next.slice(server.url.length), { token: me.token });
    assert.deepEqual(second.body, ['a.example', BLOCKED]);

    const client = generator('mastodon', server.url, me.token);
    await client.unblockDomain(BLOCKED);
    assert.deepEqual((await client.getDomainBlocks()).data, ['c.example', 'b.example', 'a.example']);
    assert.equal((await relationship(remote.near.id)).domainBlocking, false);
    assert.ok((await ids('/api/v1/timelines/public?remote=true')).length >= 3, "the domain's posts are back");
    // Unblocking what is not blocked is fine, as in Mastodon.
    assert.equal((await client.unblockDomain('never.example')).status, 200);
  });

  it('refuses what is not a domain, and callers without a token', async () => {
    for (const domain of ['', 'not a domain', 'https://x.example/path', 'user@x.example']) {
      const r = await call(server.url, '/api/v1/domain_blocks', { token: me.token, json: { domain } });
      assert.equal(r.status, 422, domain);
      assert.match(r.body.error, /Domain/);
    }
    assert.equal((await call(server.url, '/api/v1/domain_blocks')).status, 401);
    const form = await call(server.url, '/api/v1/domain_blocks', { token: me.token, form: { domain: 'form.example' } });
    assert.deepEqual([form.status, form.body], [200, {}]);
  });
});
