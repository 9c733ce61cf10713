import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../helpers/wait.ts';
import { call, signUp } from '../helpers/http.ts';
import { authorizeThroughPages, authorizeUrl, Browser, pkcePair } from '../helpers/oauth-flow.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const REDIRECT = 'https://app.example/callback';

describe('OAuth', () => {
  let server: TestServer;
  let app: { client_id: string; client_secret: string; id: string; scopes: string[] };
  let user: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    server = await startServer();
    user = await signUp(server.url, 'amina');
    const r = await call(server.url, '/api/v1/apps', {
      form: { client_name: 'Pocket Parley', redirect_uris: `${REDIRECT}\nurn:ietf:wg:oauth:2.0:oob`, scopes: 'read write:accounts profile', website: 'https://app.example' },
    });
    assert.equal(r.status, 200);
    app = r.body;
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  describe('apps', () => {
    it('registers apps from form and JSON bodies, with several redirect URIs', async () => {
      const json = await call(server.url, '/api/v1/apps', { json: { client_name: 'J', redirect_uris: [REDIRECT, 'https://app.example/2'], scopes: 'read' } });
      assert.equal(json.status, 200);
      assert.deepEqual(json.body.redirect_uris, [REDIRECT, 'https://app.example/2']);
      assert.equal(json.body.redirect_uri, `${REDIRECT}\nhttps://app.example/2`);
      assert.deepEqual(json.body.scopes, ['read']);
      assert.ok(json.body.client_id && json.body.client_secret);
      const form = await call(server.url, '/api/v1/apps', {
        body: 'client_name=F&redirect_uris[]=https%3A%2F%2Fa.example%2Fcb&scopes=read+write',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(form.status, 200);
      assert.deepEqual(form.body.scopes, ['read', 'write']);
      assert.deepEqual(app.scopes, ['read', 'write:accounts', 'profile']);
    });

    it('refuses apps with missing names, bad redirect URIs or unknown scopes', async () => {
      const missing = await call(server.url, '/api/v1/apps', { json: { redirect_uris: REDIRECT } });
      assert.equal(missing.status, 400);
      assert.match(missing.body.error, /client_name/);
      const badUri = await call(server.url, '/api/v1/apps', { json: { client_name: 'x', redirect_uris: 'javascript:alert(1)' } });
      assert.equal(badUri.status, 422);
      assert.equal(badUri.body.details.redirect_uri[0].error, 'ERR_INVALID');
      const badScope = await call(server.url, '/api/v1/apps', { json: { client_name: 'x', redirect_uris: REDIRECT, scopes: 'read everything' } });
      assert.equal(badScope.status, 422);
      assert.match(badScope.body.error, /everything/);
    });

    it('verifies app credentials with an app token and never shows the secret', async () => {
      const token = await call(server.url, '/oauth/token', { form: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read' } });
      assert.equal(token.status, 200);
      assert.equal(token.body.token_type, 'Bearer');
      assert.equal(token.body.refresh_token, undefined);
      const v = await call(server.url, '/api/v1/apps/verify_credentials', { token: token.body.access_token });
      assert.equal(v.status, 200);
      assert.equal(v.body.name, 'Pocket Parley');
      assert.equal(v.body.client_secret, undefined);
      const noUser = await call(server.url, '/api/v1/accounts/verify_credentials', { token: token.body.access_token });
      assert.equal(noUser.status, 422);
      assert.equal(noUser.body.error, 'This method requires an authenticated user');
    });
  });

  describe('grants', () => {
    it('issues tokens by password, to a username or an e-mail address', async () => {
      for (const username of ['amina', 'AMINA@example.com']) {
        const r = await call(server.url, '/oauth/token', {
          json: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username, password: user.password, scope: 'read' },
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.scope, 'read');
        assert.equal(typeof r.body.created_at, 'number');
        const me = await call(server.url, '/api/v1/accounts/verify_credentials', { token: r.body.access_token });
        assert.equal(me.body.username, 'amina');
      }
    });

    it('refuses a wrong password, an unknown client and a wrong client secret', async () => {
      const wrong = await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'amina', password: 'not it at all' },
      });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error, 'invalid_grant');
      const unknown = await call(server.url, '/oauth/token', { form: { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'nothing' } });
      assert.equal(unknown.status, 401);
      assert.equal(unknown.body.error, 'invalid_client');
      const secret = await call(server.url, '/oauth/token', { form: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: 'guess' } });
      assert.equal(secret.status, 401);
      const grantType = await call(server.url, '/oauth/token', { form: { grant_type: 'magic', client_id: app.client_id, client_secret: app.client_secret } });
      assert.equal(grantType.status, 400);
      assert.equal(grantType.body.error, 'unsupported_grant_type');
    });

    it('refuses scopes beyond what the app registered', async () => {
      const r = await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'amina', password: user.password, scope: 'write' },
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_scope');
    });

    it('runs the authorization code flow with PKCE through the real sign-in and consent pages', async () => {
      const { verifier, challenge } = pkcePair();
      const browser = new Browser(server.url);
      const url = authorizeUrl(server.url, { clientId: app.client_id, redirectUri: REDIRECT, scope: 'read profile', state: 'xyz 1', codeChallenge: challenge });
      const done = await authorizeThroughPages(browser, url, { login: 'amina', password: user.password });
      assert.equal(done.status, 302);
      const back = new URL(done.location!);
      assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
      assert.equal(back.searchParams.get('state'), 'xyz 1');
      const code = back.searchParams.get('code')!;
      assert.ok(code);

      const token = await call(server.url, '/oauth/token', {
        form: { grant_type: 'authorization_code', client_id: app.client_id, code, redirect_uri: REDIRECT, code_verifier: verifier },
      });
      assert.equal(token.status, 200, JSON.stringify(token.body));
      assert.equal(token.body.scope, 'read profile');
      const me = await call(server.url, '/api/v1/accounts/verify_credentials', { token: token.body.access_token });
      assert.equal(me.body.username, 'amina');
      const info = await call(server.url, '/oauth/userinfo', { token: token.body.access_token });
      assert.equal(info.body.preferred_username, 'amina');

      const replay = await call(server.url, '/oauth/token', {
        form: { grant_type: 'authorization_code', client_id: app.client_id, code, redirect_uri: REDIRECT, code_verifier: verifier },
      });
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'invalid_grant');
    });

    it('refuses a wrong PKCE verifier, and the code is then used up', async () => {
      const { verifier, challenge } = pkcePair();
      const browser = new Browser(server.url);
      const url = authorizeUrl(server.url, { clientId: app.client_id, redirectUri: REDIRECT, scope: 'read', codeChallenge: challenge });
      const done = await authorizeThroughPages(browser, url, { login: 'amina', password: user.password });
      const code = new URL(done.location!).searchParams.get('code')!;
      const bad = await call(server.url, '/oauth/token', {
        form: { grant_type: 'authorization_code', client_id: app.client_id, code, redirect_uri: REDIRECT, code_verifier: pkcePair().verifier },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error, 'invalid_grant');
      // A failed attempt burns the code, so a stolen code cannot be brute-forced.
      const late = await call(server.url, '/oauth/token', {
        form: { grant_type: 'authorization_code', client_id: app.client_id, code, redirect_uri: REDIRECT, code_verifier: verifier },
      });
      assert.equal(late.status, 400);
      const noVerifier = await call(server.url, '/oauth/token', {
        form: { grant_type: 'authorization_code', client_id: app.client_id, code: 'made-up', redirect_uri: REDIRECT },
      });
      assert.equal(noVerifier.status, 401, 'without PKCE a client secret is required');
    });

    it('needs the client secret for a code issued without PKCE', async () => {
      const browser = new Browser(server.url);
      const done = await authorizeThroughPages(browser, authorizeUrl(server.url, { clientId: app.client_id, redirectUri: REDIRECT, scope: 'read' }), {
        login: 'amina@example.com',
        password: user.password,
      });
      const code = new URL(done.location!).searchParams.get('code')!;
      const without = await call(server.url, '/oauth/token', { form: { grant_type: 'authorization_code', client_id: app.client_id, code, redirect_uri: REDIRECT } });
      assert.equal(without.status, 401);
      assert.equal(without.body.error, 'invalid_client');
      const withSecret = await call(server.url, '/oauth/token', {
        form: { grant_type: 'authorization_code', client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: REDIRECT },
      });
      assert.equal(withSecret.status, 200);
    });

    it('shows the code on a page for out-of-band apps', async () => {
      const browser = new Browser(server.url);
      const done = await authorizeThroughPages(browser, authorizeUrl(server.url, { clientId: app.client_id, redirectUri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'read' }), {
        login: 'amina',
        password: user.password,
      });
      assert.equal(done.status, 200);
      const code = /id="authorization-code">([^<]+)</.exec(done.html)?.[1];
      assert.ok(code, 'the page shows the code');
      const token = await call(server.url, '/oauth/token', {
        form: { grant_type: 'authorization_code', client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' },
      });
      assert.equal(token.status, 200);
    });

    it('sends access_denied back to the app when the user denies', async () => {
      const browser = new Browser(server.url);
      const done = await authorizeThroughPages(browser, authorizeUrl(server.url, { clientId: app.client_id, redirectUri: REDIRECT, scope: 'read', state: 's' }), {
        login: 'amina',
        password: user.password,
        allow: false,
      });
      assert.equal(done.status, 302);
      const back = new URL(done.location!);
      assert.equal(back.searchParams.get('error'), 'access_denied');
      assert.equal(back.searchParams.get('state'), 's');
    });

    it('refuses a wrong password on the sign-in page, and forms posted from another site', async () => {
      const browser = new Browser(server.url);
      const page = await authorizeThroughPages(browser, authorizeUrl(server.url, { clientId: app.client_id, redirectUri: REDIRECT, scope: 'read' }), {
        login: 'amina',
        password: 'wrong password',
      });
      assert.equal(page.status, 401);
      assert.match(page.html, /Invalid e-mail address, username or password/);
      const forged = await browser.request('/auth/sign_in', { form: { login: 'amina', password: user.password }, origin: 'https://evil.example' });
      assert.equal(forged.status, 403);
    });

    it('never shows the consent page for unknown apps or unregistered redirect URIs', async () => {
      const unknown = await fetch(authorizeUrl(server.url, { clientId: 'nope', redirectUri: REDIRECT, scope: 'read' }), { redirect: 'manual' });
      assert.equal(unknown.status, 400);
      const elsewhere = await fetch(authorizeUrl(server.url, { clientId: app.client_id, redirectUri: 'https://evil.example/steal', scope: 'read' }), { redirect: 'manual' });
      assert.equal(elsewhere.status, 400);
      const tooMuch = await fetch(authorizeUrl(server.url, { clientId: app.client_id, redirectUri: REDIRECT, scope: 'admin:write' }), { redirect: 'manual' });
      assert.equal(tooMuch.status, 400);
    });

    it('exchanges a refresh token once for a new token pair', async () => {
      const first = await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'amina', password: user.password, scope: 'read' },
      });
      const refreshed = await call(server.url, '/oauth/token', {
        form: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: first.body.refresh_token },
      });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      assert.notEqual(refreshed.body.access_token, first.body.access_token);
      assert.equal(refreshed.body.scope, 'read');
      const again = await call(server.url, '/oauth/token', {
        form: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: first.body.refresh_token },
      });
      assert.equal(again.status, 400);
      assert.equal(again.body.error, 'invalid_grant');
      const old = await call(server.url, '/api/v1/accounts/verify_credentials', { token: first.body.access_token });
      assert.equal(old.status, 401, 'the refreshed-away token no longer works');
    });
  });

  describe('tokens on the API', () => {
    it('revokes a token: it then gets 401 everywhere', async () => {
      const t = await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'amina', password: user.password },
      });
      const ok = await call(server.url, '/api/v1/accounts/verify_credentials', { token: t.body.access_token });
      assert.equal(ok.status, 200);
      const wrongClient = await call(server.url, '/oauth/revoke', { form: { client_id: app.client_id, client_secret: 'wrong', token: t.body.access_token } });
      assert.equal(wrongClient.status, 403);
      const revoked = await call(server.url, '/oauth/revoke', { form: { client_id: app.client_id, client_secret: app.client_secret, token: t.body.access_token } });
      assert.equal(revoked.status, 200);
      assert.deepEqual(revoked.body, {});
      const after = await call(server.url, '/api/v1/accounts/verify_credentials', { token: t.body.access_token });
      assert.equal(after.status, 401);
      assert.equal(after.body.error, 'The access token was revoked');
    });

    it('answers 401 for unknown and malformed tokens, 403 outside the granted scopes', async () => {
      const unknown = await call(server.url, '/api/v1/accounts/verify_credentials', { token: 'not-a-token' });
      assert.equal(unknown.status, 401);
      assert.equal(unknown.body.error, 'The access token is invalid');
      const malformed = await call(server.url, '/api/v1/accounts/verify_credentials', { headers: { authorization: 'Basic abc' } });
      assert.equal(malformed.status, 401);
      const none = await call(server.url, '/api/v1/accounts/verify_credentials');
      assert.equal(none.status, 401);
      const readOnly = await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'amina', password: user.password, scope: 'read' },
      });
      const write = await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: readOnly.body.access_token, json: { display_name: 'x' } });
      assert.equal(write.status, 403);
      assert.equal(write.body.error, 'This action is outside the authorized scopes');
      const profileOnly = await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'amina', password: user.password, scope: 'profile' },
      });
      assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: profileOnly.body.access_token })).status, 200);
      assert.equal((await call(server.url, '/api/v1/preferences', { token: profileOnly.body.access_token })).status, 403);
    });

    it('accepts the token as an access_token query parameter, as Mastodon does', async () => {
      const r = await call(server.url, `/api/v1/accounts/verify_credentials?access_token=${encodeURIComponent(user.token)}`);
      assert.equal(r.status, 200);
    });
  });
});

describe('OAuth with expiring tokens', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PARLEY_ACCESS_TOKEN_TTL: '1' });
  });
  after(async () => {
    await server.stop();
  });

  it('says a token expired once its lifetime is over, and the refresh token still works', async () => {
    const user = await signUp(server.url, 'brief');
    const token = await call(server.url, '/oauth/token', {
      form: { grant_type: 'password', client_id: user.clientId, client_secret: user.clientSecret, username: 'brief', password: user.password },
    });
    assert.equal(token.body.expires_in, 1);
    // Asked until the second is over: no fixed wait.
    const expired = await eventually(
      async () => {
        const r = await call(server.url, '/api/v1/accounts/verify_credentials', { token: token.body.access_token });
        return r.status === 401 && r;
      },
      5000,
      'the token to expire',
    );
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error, 'The access token expired');
    const refreshed = await call(server.url, '/oauth/token', {
      form: { grant_type: 'refresh_token', client_id: user.clientId, client_secret: user.clientSecret, refresh_token: token.body.refresh_token },
    });
    assert.equal(refreshed.status, 200);
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: refreshed.body.access_token })).status, 200);
  });
});
