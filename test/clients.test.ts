// Parley driven by Mastodon clients someone else wrote: masto.js and megalodon.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOAuthAPIClient, createRestAPIClient, type mastodon } from 'masto';
import generator, { detector } from 'megalodon';
import { authorizeThroughPages, Browser, pkcePair } from './helpers/oauth-flow.ts';
import { startServer, type TestServer } from './helpers/server.ts';

const REDIRECT = 'https://client.example/callback';

describe('masto.js', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  it('registers an app and an account, logs in by password, updates the profile, and is refused after revocation', async () => {
    const anonymous = createRestAPIClient({ url: server.url });
    const instance = await anonymous.v2.instance.fetch();
    assert.equal(instance.domain, new URL(server.url).host);
    const app = await anonymous.v1.apps.create({ clientName: 'masto test', redirectUris: REDIRECT, scopes: 'read write follow push' });
    assert.ok(app.clientId && app.clientSecret);

    const oauth = createOAuthAPIClient({ url: server.url });
    const appToken = await oauth.token.create({ grantType: 'client_credentials', clientId: app.clientId!, clientSecret: app.clientSecret!, redirectUri: REDIRECT, scope: 'read write' });
    const asApp = createRestAPIClient({ url: server.url, accessToken: appToken.accessToken });
    const signUpToken = await asApp.v1.accounts.create({ username: 'mei', email: 'mei@example.com', password: 'a long password', agreement: true, locale: 'en' });
    assert.ok(signUpToken.accessToken);

    const token = await oauth.token.create({
      grantType: 'password',
      clientId: app.clientId!,
      clientSecret: app.clientSecret!,
      redirectUri: REDIRECT,
      username: 'mei@example.com',
      password: 'a long password',
      scope: 'read write',
    });
    const client = createRestAPIClient({ url: server.url, accessToken: token.accessToken });
    const me = await client.v1.accounts.verifyCredentials();
    assert.equal(me.username, 'mei');

    const updated = await client.v1.accounts.updateCredentials({
      displayName: 'Mei Tanaka',
      note: 'Correspondent in Bangkok',
      locked: true,
      fieldsAttributes: [{ name: 'Beat', value: 'ASEAN' }],
      source: { privacy: 'private', language: 'ja' },
    });
    assert.equal(updated.displayName, 'Mei Tanaka');
    assert.equal(updated.note, '<p>Correspondent in Bangkok</p>');
    assert.equal(updated.locked, true);
    assert.equal(updated.fields[0]?.name, 'Beat');
    assert.equal(updated.source?.privacy, 'private');

    const found = await client.v1.accounts.lookup({ acct: 'mei' });
    assert.equal(found.id, me.id);
    const searched = await client.v1.accounts.search.list({ q: 'mei' });
    assert.deepEqual(
      searched.map((a) => a.id),
      [me.id],
    );
    const prefs = await client.v1.preferences.fetch();
    assert.equal(prefs['posting:default:visibility'], 'private');

    const revoke = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, token: token.accessToken }),
    });
    assert.equal(revoke.status, 200);
    // masto.js 8 rejects with the fetch Response itself for this status.
    await assert.rejects(client.v1.accounts.verifyCredentials(), (e: { status?: number; statusCode?: number }) => (e.statusCode ?? e.status) === 401);
  });

  it('logs in by authorization code with PKCE, scripted through the real sign-in page', async () => {
    const anonymous = createRestAPIClient({ url: server.url });
    const app = await anonymous.v1.apps.create({ clientName: 'masto pkce', redirectUris: REDIRECT, scopes: 'read' });
    const { verifier, challenge } = pkcePair();
    const url = `${server.url}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.clientId!, redirect_uri: REDIRECT, scope: 'read', code_challenge: challenge, code_challenge_method: 'S256' })}`;
    const done = await authorizeThroughPages(new Browser(server.url), url, { login: 'mei', password: 'a long password' });
    const code = new URL(done.location!).searchParams.get('code')!;
    const oauth = createOAuthAPIClient({ url: server.url });
    // masto.js has no PKCE field of its own; it sends extra fields as they are, in snake case.
    const params = { grantType: 'authorization_code', clientId: app.clientId!, clientSecret: app.clientSecret!, redirectUri: REDIRECT, code, codeVerifier: verifier } as const;
    const token = await oauth.token.create(params as mastodon.oauth.CreateTokenParams);
    const me = await createRestAPIClient({ url: server.url, accessToken: token.accessToken }).v1.accounts.verifyCredentials();
    assert.equal(me.username, 'mei');
  });
});

describe('megalodon', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  it('detects Parley as Mastodon, signs up, logs in by authorization code, refreshes, updates and revokes', async () => {
    const sns = await detector(server.url);
    assert.equal(sns, 'mastodon');
    const anonymous = generator(sns, server.url);
    const app = await anonymous.registerApp('megalodon test', { scopes: ['read', 'write'], redirect_uris: REDIRECT });
    assert.ok(app.url?.startsWith(`${server.url}/oauth/authorize?`));

    // Registration needs an app token (client credentials).
    const appTokenRes = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read write' }),
    });
    const appToken = ((await appTokenRes.json()) as { access_token: string }).access_token;
    const registered = await generator(sns, server.url, appToken).registerAccount('ravi', 'ravi@example.com', 'a long password', true, 'en');
    assert.ok(registered.data.access_token);

    const done = await authorizeThroughPages(new Browser(server.url), app.url!, { login: 'ravi', password: 'a long password' });
    assert.equal(done.status, 302);
    const code = new URL(done.location!).searchParams.get('code')!;
    const token = await anonymous.fetchAccessToken(app.client_id, app.client_secret, code, REDIRECT);
    assert.ok(token.access_token);

    const client = generator(sns, server.url, token.access_token);
    const me = await client.verifyAccountCredentials();
    assert.equal(me.data.username, 'ravi');
    const updated = await client.updateCredentials({ display_name: 'Ravi', note: 'Diaspora news', bot: true });
    assert.equal(updated.data.display_name, 'Ravi');
    assert.equal(updated.data.bot, true);
    const looked = await client.lookupAccount('ravi');
    assert.equal(looked.data.id, me.data.id);
    const instance = await client.getInstance();
    assert.equal(instance.data.uri, new URL(server.url).host);

    // megalodon's Mastodon adapter drops refresh_token from token responses, so take one from a raw password grant.
    const raw = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'ravi', password: 'a long password', scope: 'read write' }),
    });
    const refreshToken = ((await raw.json()) as { refresh_token: string }).refresh_token;
    assert.ok(refreshToken);
    const refreshed = await anonymous.refreshToken(app.client_id, app.client_secret, refreshToken);
    assert.ok(refreshed.access_token);
    assert.notEqual(refreshed.access_token, token.access_token);
    const fresh = generator(sns, server.url, refreshed.access_token);
    assert.equal((await fresh.verifyAccountCredentials()).data.username, 'ravi');

    await anonymous.revokeToken(app.client_id, app.client_secret!, refreshed.access_token);
    await assert.rejects(fresh.verifyAccountCredentials(), (e: { response?: { status: number } }) => e.response?.status === 401);
  });
});
