// Quote posts as Mastodon 4.5 has them, through masto.js (and raw HTTP where it has no method):
// quoting a public post, the policies that refuse (422), the entity for the author, others and
// anonymous readers, private posts never shown through a quote, the author's list of quotes, revoke,
// the 'quote' and 'quoted_update' notifications; every answer checked against the OpenAPI description.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('quote posts', () => {
  let server: TestServer;
  let alice: mastodon.rest.Client;
  let bob: mastodon.rest.Client;
  let carol: mastodon.rest.Client;
  let tokens: { alice: string; bob: string; carol: string };
  let ids: { alice: string; bob: string; carol: string };

  before(async () => {
    server = await startServer();
    const [a, b, c] = [await signUp(server.url, 'alice'), await signUp(server.url, 'bob'), await signUp(server.url, 'carol')];
    tokens = { alice: a.token, bob: b.token, carol: c.token };
    const client = (u: { token: string }) => createRestAPIClient({ url: server.url, accessToken: u.token });
    [alice, bob, carol] = [client(a), client(b), client(c)];
    ids = { alice: (await alice.v1.accounts.verifyCredentials()).id, bob: (await bob.v1.accounts.verifyCredentials()).id, carol: (await carol.v1.accounts.verifyCredentials()).id };
    // Bob follows Alice; Carol follows nobody.
    await bob.v1.accounts.$select(ids.alice).follow();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const quote = (client: mastodon.rest.Client, quotedStatusId: string, extra: Partial<mastodon.rest.v1.CreateStatusParams> = {}) =>
    client.v1.statuses.create({ status: 'Look at this', quotedStatusId, ...extra } as mastodon.rest.v1.CreateStatusParams);
  const raw = (token: string | undefined, path: string, init: { method?: string; json?: unknown } = {}) => call(server.url, path, { token, ...init });

  it('quotes a public post: accepted at once, shown to the author, others and anonymous readers', async () => {
    const original = await alice.v1.statuses.create({ status: 'Quotable' });
    assert.deepEqual(original.quoteApproval, { automatic: ['public'], manual: [], currentUser: 'automatic' });
    const quoting = await quote(carol, original.id);
    assert.equal(quoting.quote?.state, 'accepted');
    assert.equal((quoting.quote as mastodon.v1.Quote).quotedStatus?.id, original.id);

    for (const token of [tokens.alice, tokens.bob, undefined]) {
      const seen = await raw(token, `/api/v1/statuses/${quoting.id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.body.quote.state, 'accepted');
      assert.equal(seen.body.quote.quoted_status.id, original.id);
      assert.equal(seen.body.quote.quoted_status.content, original.content);
      assert.equal(seen.body.quote_approval.current_user, token ? 'automatic' : 'unknown');
    }
    // The quoted status's reader parts are the reader's own.
    await bob.v1.statuses.$select(original.id).favourite();
    const forBob = await raw(tokens.bob, `/api/v1/statuses/${quoting.id}`);
    assert.equal(forBob.body.quote.quoted_status.favourited, true);
    assert.equal((await raw(tokens.carol, `/api/v1/statuses/${quoting.id}`)).body.quote.quoted_status.favourited, false);
    assert.equal((await alice.v1.statuses.$select(original.id).fetch()).quotesCount, 1);
    const home = await raw(tokens.carol, '/api/v1/timelines/home');
    assert.equal(home.body.find((s: { id: string }) => s.id === quoting.id)?.quote.quoted_status.id, original.id);
  });

  it('a quote of a quote names the inner quote by id (ShallowQuote)', async () => {
    const first = await alice.v1.statuses.create({ status: 'First' });
    const second = await quote(carol, first.id);
    const third = await quote(bob, second.id);
    const inner = (third.quote as mastodon.v1.Quote).quotedStatus!;
    assert.equal(inner.id, second.id);
    assert.deepEqual(inner.quote, { state: 'accepted', quotedStatusId: first.id });
  });

  it('refuses quotes the policy does not allow (422), and a post the poster cannot see (404)', async () => {
    const followersOnly = await alice.v1.statuses.create({ status: 'followers may quote', quoteApprovalPolicy: 'followers' } as mastodon.rest.v1.CreateStatusParams);
    assert.deepEqual(followersOnly.quoteApproval.automatic, ['followers']);
    assert.equal((await raw(tokens.carol, `/api/v1/statuses/${followersOnly.id}`)).body.quote_approval.current_user, 'denied');
    const refused = await raw(tokens.carol, '/api/v1/statuses', { json: { status: 'no', quoted_status_id: followersOnly.id } });
    assert.equal(refused.status, 422);
    assert.match(refused.body.error, /quoted/i);
    assert.equal((await quote(bob, followersOnly.id)).quote?.state, 'accepted');

    const nobody = await alice.v1.statuses.create({ status: 'nobody may quote', quoteApprovalPolicy: 'nobody' } as mastodon.rest.v1.CreateStatusParams);
    assert.equal((await raw(tokens.bob, '/api/v1/statuses', { json: { status: 'no', quoted_status_id: nobody.id } })).status, 422);
    // Its author still may.
    assert.equal((await quote(alice, nobody.id)).quote?.state, 'accepted');

    const secret = await alice.v1.statuses.create({ status: 'secret', visibility: 'direct' });
    assert.equal((await raw(tokens.carol, '/api/v1/statuses', { json: { status: 'no', quoted_status_id: secret.id } })).status, 404);
    assert.equal((await raw(tokens.carol, '/api/v1/statuses', { json: { status: 'no', quoted_status_id: 'abc' } })).status, 422);
  });

  it('a quote of a private post is refused to others, and never shows it to those who may not see it', async () => {
    const priv = await alice.v1.statuses.create({ status: 'for followers', visibility: 'private' });
    assert.equal(priv.quoteApproval.currentUser, 'automatic');
    assert.equal((await raw(tokens.bob, '/api/v1/statuses', { json: { status: 'no', quoted_status_id: priv.id } })).status, 422);
    // Alice quotes her own followers-only post: the quote is followers-only too.
    const own = await quote(alice, priv.id, { visibility: 'public' });
    assert.equal(own.visibility, 'private');
    assert.equal((await raw(tokens.bob, `/api/v1/statuses/${own.id}`)).body.quote.quoted_status.id, priv.id);
    assert.equal((await raw(tokens.carol, `/api/v1/statuses/${own.id}`)).status, 404);

    // A public quote whose quoted post went followers-only through a policy change stays hidden from strangers.
    const later = await alice.v1.statuses.create({ status: 'public for now' });
    const q = await quote(carol, later.id);
    await server.app.database.pool.query(`update statuses set visibility = 'private' where id = $1`, [later.id]);
    await server.app.core.statusViews.forget([later.id]);
    const stranger = await raw(tokens.carol, `/api/v1/statuses/${q.id}`);
    assert.deepEqual(stranger.body.quote, { state: 'unauthorized', quoted_status: null });
    assert.equal((await raw(undefined, `/api/v1/statuses/${q.id}`)).body.quote.state, 'unauthorized');
    assert.equal((await raw(tokens.bob, `/api/v1/statuses/${q.id}`)).body.quote.quoted_status.id, later.id);
  });

  it('changes the policy with PUT interaction_policy (only its author)', async () => {
    const s = await alice.v1.statuses.create({ status: 'policy moves' });
    const changed = await raw(tokens.alice, `/api/v1/statuses/${s.id}/interaction_policy`, { method: 'PUT', json: { quote_approval_policy: 'nobody' } });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.quote_approval, { automatic: [], manual: [], current_user: 'automatic' });
    assert.equal((await raw(tokens.bob, `/api/v1/statuses/${s.id}`)).body.quote_approval.current_user, 'denied');
    assert.equal((await raw(tokens.bob, `/api/v1/statuses/${s.id}/interaction_policy`, { method: 'PUT', json: { quote_approval_policy: 'public' } })).status, 404);
    assert.equal((await raw(tokens.alice, `/api/v1/statuses/${s.id}/interaction_policy`, { method: 'PUT', json: { quote_approval_policy: 'everyone' } })).status, 422);
  });

  it('lists quotes to the quoted author alone, paginated; the author revokes one', async () => {
    const s = await alice.v1.statuses.create({ status: 'much quoted' });
    const made = [await quote(bob, s.id), await quote(carol, s.id), await quote(bob, s.id, { status: 'again' })];
    const first = await raw(tokens.alice, `/api/v1/statuses/${s.id}/quotes?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.map((x: { id: string }) => x.id),
      [made[2]!.id, made[1]!.id],
    );
    assert.match(first.headers.get('link') ?? '', /rel="next"/);
    const all = await alice.v1.statuses.$select(s.id).quotes.list();
    assert.equal(all.length, 3);
    assert.equal((await raw(tokens.bob, `/api/v1/statuses/${s.id}/quotes`)).status, 404);

    assert.equal((await raw(tokens.bob, `/api/v1/statuses/${s.id}/quotes/${made[1]!.id}/revoke`, { method: 'POST' })).status, 404);
    const revoked = await raw(tokens.alice, `/api/v1/statuses/${s.id}/quotes/${made[1]!.id}/revoke`, { method: 'POST' });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.id, made[1]!.id);
    assert.deepEqual(revoked.body.quote, { state: 'revoked', quoted_status: null });
    assert.deepEqual((await raw(tokens.carol, `/api/v1/statuses/${made[1]!.id}`)).body.quote, { state: 'revoked', quoted_status: null });
    assert.equal((await alice.v1.statuses.$select(s.id).quotes.list()).length, 2);
    assert.equal((await alice.v1.statuses.$select(s.id).fetch()).quotesCount, 2);
  });

  it('under Parley’s manual policy, a quote waits until the author approves it', async () => {
    const s = await alice.v1.statuses.create({ status: 'ask me' });
    const policy = (token: string, value: string) => raw(token, `/api/parley/v1/statuses/${s.id}/quote_policy`, { method: 'PUT', json: { quote_approval_policy: value } });
    assert.equal((await policy(tokens.bob, 'manual')).status, 404);
    assert.equal((await policy(tokens.alice, 'sometimes')).status, 422);
    assert.deepEqual((await policy(tokens.alice, 'manual')).body.quote_approval, { automatic: [], manual: ['public'], current_user: 'automatic' });
    assert.equal((await carol.v1.statuses.$select(s.id).fetch()).quoteApproval?.currentUser, 'manual');
    const q = await quote(carol, s.id);
    assert.equal(q.quote?.state, 'pending');
    assert.equal((q.quote as mastodon.v1.Quote).quotedStatus, null);
    const waiting = await raw(tokens.alice, `/api/parley/v1/statuses/${s.id}/quote_requests`);
    assert.deepEqual(
      waiting.body.map((x: { id: string }) => x.id),
      [q.id],
    );
    assert.deepEqual(await alice.v1.statuses.$select(s.id).quotes.list(), []);
    assert.equal((await raw(tokens.carol, `/api/parley/v1/statuses/${s.id}/quotes/${q.id}/approve`, { method: 'POST' })).status, 404);
    const approved = await raw(tokens.alice, `/api/parley/v1/statuses/${s.id}/quotes/${q.id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.quote.state, 'accepted');
    assert.equal((await carol.v1.statuses.$select(q.id).fetch()).quote?.state, 'accepted');
    assert.equal((await alice.v1.statuses.$select(s.id).fetch()).quotesCount, 1);
    assert.deepEqual((await raw(tokens.alice, `/api/parley/v1/statuses/${s.id}/quote_requests`)).body, []);
  });

  it('tells the quoted author of a quote, and quoters of an edit', async () => {
    const s = await carol.v1.statuses.create({ status: 'before' });
    const q = await quote(alice, s.id);
    await eventually(async () => {
      const list = (await raw(tokens.carol, '/api/v1/notifications?types[]=quote')).body;
      assert.equal(list[0]?.type, 'quote');
      assert.equal(list[0]?.status?.id, q.id);
      assert.equal(list[0]?.account?.id, ids.alice);
      return true;
    });
    await carol.v1.statuses.$select(s.id).update({ status: 'after' });
    await eventually(async () => {
      const list = await raw(tokens.alice, '/api/v1/notifications?types[]=quoted_update');
      assert.equal(list.status, 200);
      assert.equal(list.body[0]?.type, 'quoted_update');
      assert.equal(list.body[0]?.status.id, q.id);
      assert.match(list.body[0]?.status.quote.quoted_status.content, /after/);
      return true;
    });
  });
});
