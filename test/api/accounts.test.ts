import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

async function appToken(base: string, scopes = 'read write') {
  const app = await call(base, '/api/v1/apps', { json: { client_name: 'reg', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes } });
  const t = await call(base, '/oauth/token', { form: { grant_type: 'client_credentials', client_id: app.body.client_id, client_secret: app.body.client_secret, scope: scopes } });
  return { token: t.body.access_token as string, clientId: app.body.client_id as string, clientSecret: app.body.client_secret as string };
}

const register = (base: string, token: string, body: Record<string, unknown>) => call(base, '/api/v1/accounts', { token, json: body });

describe('accounts (open registrations)', () => {
  let server: TestServer;
  let app: Awaited<ReturnType<typeof appToken>>;
  before(async () => {
    server = await startServer();
    app = await appToken(server.url);
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  it('registers an account and returns a working token with the app token’s scopes', async () => {
    const r = await register(server.url, app.token, { username: 'noor', email: 'noor@example.com', password: 'a long password', agreement: true, locale: 'fr' });
    assert.equal(r.status, 200);
    assert.equal(r.body.scope, 'read write');
    const me = await call(server.url, '/api/v1/accounts/verify_credentials', { token: r.body.access_token });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'noor');
    assert.equal(me.body.acct, 'noor');
    assert.equal(me.body.url, `${server.url}/@noor`);
    assert.equal(me.body.source.privacy, 'public');
    assert.equal(me.body.locked, false);
    assert.match(me.body.created_at, /T00:00:00\.000Z$/);
  });

  it('explains every problem of a bad registration at once (422 with details)', async () => {
    const r = await register(server.url, app.token, { username: 'no spaces!', email: 'not-an-email', password: 'short', agreement: false });
    assert.equal(r.status, 422);
    assert.match(r.body.error, /^Validation failed: /);
    assert.equal(r.body.details.username[0].error, 'ERR_INVALID');
    assert.equal(r.body.details.email[0].error, 'ERR_INVALID');
    assert.equal(r.body.details.password[0].error, 'ERR_TOO_SHORT');
    assert.equal(r.body.details.agreement[0].error, 'ERR_ACCEPTED');
  });

  it('refuses taken usernames and e-mails (any case) and reserved names', async () => {
    await register(server.url, app.token, { username: 'Karim', email: 'karim@example.com', password: 'a long password', agreement: true });
    const taken = await register(server.url, app.token, { username: 'KARIM', email: 'KARIM@example.com', password: 'a long password', agreement: true });
    assert.equal(taken.status, 422);
    assert.equal(taken.body.details.username[0].error, 'ERR_TAKEN');
    assert.equal(taken.body.details.email[0].error, 'ERR_TAKEN');
    const reserved = await register(server.url, app.token, { username: 'admin', email: 'a@example.com', password: 'a long password', agreement: true });
    assert.equal(reserved.body.details.username[0].error, 'ERR_RESERVED');
    const long = await register(server.url, app.token, { username: 'x'.repeat(31), email: 'l@example.com', password: 'a long password', agreement: true });
    assert.equal(long.body.details.username[0].error, 'ERR_TOO_LONG');
  });

  it('lets only one of two simultaneous sign-ups for the same name win', async () => {
    const attempts = await Promise.all([1, 2, 3].map((i) => register(server.url, app.token, { username: 'racer', email: `racer${i}@example.com`, password: 'a long password', agreement: true })));
    assert.deepEqual(attempts.map((a) => a.status).sort(), [200, 422, 422]);
  });

  it('needs a token with write:accounts to register', async () => {
    const none = await call(server.url, '/api/v1/accounts', { json: { username: 'x1', email: 'x1@example.com', password: 'a long password', agreement: true } });
    assert.equal(none.status, 401);
    const readOnly = await appToken(server.url, 'read');
    const r = await register(server.url, readOnly.token, { username: 'x2', email: 'x2@example.com', password: 'a long password', agreement: true });
    assert.equal(r.status, 403);
  });

  it('updates the profile: name, note as HTML, fields, flags and posting defaults', async () => {
    const user = await signUp(server.url, 'layla');
    const r = await call(server.url, '/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: user.token,
      json: {
        display_name: 'Layla ✨',
        note: 'Consul <b>general</b>.\nhttps://embassy.example/press\n\nSecond paragraph',
        locked: true,
        bot: false,
        fields_attributes: { '0': { name: 'Site', value: 'https://embassy.example' }, '1': { name: 'Languages', value: 'en, th' } },
        source: { privacy: 'unlisted', sensitive: true, language: 'th' },
      },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.display_name, 'Layla ✨');
    assert.equal(r.body.locked, true);
    assert.equal(
      r.body.note,
      '<p>Consul &lt;b&gt;general&lt;/b&gt;.<br /><a href="https://embassy.example/press" target="_blank" rel="nofollow noopener" translate="no">embassy.example/press</a></p><p>Second paragraph</p>',
    );
    assert.equal(r.body.source.note, 'Consul <b>general</b>.\nhttps://embassy.example/press\n\nSecond paragraph');
    assert.deepEqual(
      r.body.source.fields.map((f: { name: string; value: string }) => [f.name, f.value]),
      [
        ['Site', 'https://embassy.example'],
        ['Languages', 'en, th'],
      ],
    );
    assert.match(r.body.fields[0].value, /^<a href="https:\/\/embassy.example"/);
    assert.equal(r.body.source.privacy, 'unlisted');
    assert.equal(r.body.source.language, 'th');
    const prefs = await call(server.url, '/api/v1/preferences', { token: user.token });
    assert.deepEqual(prefs.body, {
      'posting:default:visibility': 'unlisted',
      'posting:default:sensitive': true,
      'posting:default:language': 'th',
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
    });
    // Form encoding, as many apps send it.
    const form = await call(server.url, '/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: user.token,
      body: 'display_name=Layla&locked=false&fields_attributes[0][name]=Only&fields_attributes[0][value]=one',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 200);
    assert.equal(form.body.locked, false);
    assert.equal(form.body.fields.length, 1);
  });

  it('refuses profile values that are too long or of the wrong kind', async () => {
    const user = await signUp(server.url, 'omar');
    const long = await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { display_name: 'x'.repeat(31), note: 'y'.repeat(501) } });
    assert.equal(long.status, 422);
    assert.equal(long.body.details.display_name[0].error, 'ERR_TOO_LONG');
    assert.equal(long.body.details.note[0].error, 'ERR_TOO_LONG');
    const fields = await call(server.url, '/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: user.token,
      json: { fields_attributes: [1, 2, 3, 4, 5].map((i) => ({ name: `n${i}`, value: 'v' })) },
    });
    assert.equal(fields.status, 422);
    const privacy = await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { source: { privacy: 'secret' } } });
    assert.equal(privacy.status, 422);
    const type = await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { display_name: { nested: true } } });
    assert.equal(type.status, 422);
  });

  it('shows, looks up and searches accounts', async () => {
    const user = await signUp(server.url, 'sakura');
    const me = await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token });
    const shown = await call(server.url, `/api/v1/accounts/${me.body.id}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.username, 'sakura');
    assert.equal(shown.body.source, undefined, 'private settings stay private');
    const host = new URL(server.url).host;
    for (const acct of ['sakura', 'SAKURA', `sakura@${host}`, '@sakura']) {
      const r = await call(server.url, `/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      assert.equal(r.status, 200, acct);
      assert.equal(r.body.id, me.body.id);
    }
    assert.equal((await call(server.url, '/api/v1/accounts/lookup?acct=nobody')).status, 404);
    assert.equal((await call(server.url, '/api/v1/accounts/lookup')).status, 400);
    assert.equal((await call(server.url, '/api/v1/accounts/99999999')).status, 404);
    assert.equal((await call(server.url, '/api/v1/accounts/not-a-number')).status, 404);

    const found = await call(server.url, '/api/v1/accounts/search?q=sak&limit=5', { token: user.token });
    assert.equal(found.status, 200);
    assert.deepEqual(
      found.body.map((a: { username: string }) => a.username),
      ['sakura'],
    );
    const exactFirst = await call(server.url, '/api/v1/accounts/search?q=noor', { token: user.token });
    assert.equal(exactFirst.body[0].username, 'noor');
    assert.equal((await call(server.url, '/api/v1/accounts/search?q=sak')).status, 401, 'search needs a token');
    const wildcard = await call(server.url, '/api/v1/accounts/search?q=%25', { token: user.token });
    assert.deepEqual(wildcard.body, [], 'a % in the query is literal');
    const batch = await call(server.url, `/api/v1/accounts?id[]=${me.body.id}&id[]=1`);
    assert.deepEqual(
      batch.body.map((a: { id: string }) => a.id),
      [me.body.id],
    );
  });

  it('answers identity proofs (gone from Mastodon) with none, for an account that exists (masto.js, megalodon)', async () => {
    const user = await signUp(server.url, 'prover');
    const me = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token })).body.id as string;
    const masto = createRestAPIClient({ url: server.url, accessToken: user.token });
    assert.deepEqual(await masto.v1.accounts.$select(me).identityProofs.list(), []);
    assert.deepEqual((await generator('mastodon', server.url, user.token).getIdentityProof(me)).data, []);
    assert.equal((await call(server.url, '/api/v1/accounts/99999999/identity_proofs', { token: user.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/accounts/${me}/identity_proofs`)).status, 401);
  });
});

describe('accounts (approval required, e-mail confirmation)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PARLEY_REGISTRATIONS: 'approval', PARLEY_REQUIRE_EMAIL_CONFIRMATION: 'true' });
  });
  after(async () => {
    await server.stop();
  });

  it('needs a reason, then gives a token that works only once the account is confirmed and approved', async () => {
    const app = await appToken(server.url);
    const instance = await call(server.url, '/api/v2/instance');
    assert.equal(instance.body.registrations.approval_required, true);
    const noReason = await register(server.url, app.token, { username: 'hana', email: 'hana@example.com', password: 'a long password', agreement: true });
    assert.equal(noReason.body.details.reason[0].error, 'ERR_BLANK');
    const r = await register(server.url, app.token, { username: 'hana', email: 'hana@example.com', password: 'a long password', agreement: true, reason: 'Press attaché' });
    assert.equal(r.status, 200);
    const pending = await call(server.url, '/api/v1/accounts/verify_credentials', { token: r.body.access_token });
    assert.equal(pending.status, 403);
    assert.equal(pending.body.error, 'Your login is missing a confirmed e-mail address');
    const account = await server.app.core.accounts.localByUsername('hana');
    const found = await server.app.core.accounts.userByAccountId(account!.id);
    await server.app.core.accounts.confirm(found!.user.id);
    const ok = await call(server.url, '/api/v1/accounts/verify_credentials', { token: r.body.access_token });
    assert.equal(ok.status, 200);
  });
});

describe('accounts (closed registrations)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PARLEY_REGISTRATIONS: 'closed' });
  });
  after(async () => {
    await server.stop();
  });

  it('refuses sign-ups with 403 and says so in the instance entity', async () => {
    const app = await appToken(server.url);
    const r = await register(server.url, app.token, { username: 'late', email: 'late@example.com', password: 'a long password', agreement: true });
    assert.equal(r.status, 403);
    assert.equal(r.body.error, 'Registrations are closed on this server');
    assert.equal((await call(server.url, '/api/v1/instance')).body.registrations, false);
  });
});
