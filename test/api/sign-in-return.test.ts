// Where the sign-in page sends the browser afterwards (return_to), and every other answer whose
// header carries the request's input: only places on this server, as a browser reads the address,
// and a 400 (never a 500) for input no header can carry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { Browser, hiddenFields } from '../helpers/oauth-flow.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('return_to and other input bound for a header', () => {
  let server: TestServer;
  let user: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    server = await startServer();
    user = await signUp(server.url, 'amina');
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  /** Opens the sign-in page with this return_to and signs in through its form: where the browser is sent. */
  async function signInReturningTo(returnTo: string): Promise<string> {
    const browser = new Browser(server.url);
    const page = await browser.request(`/auth/sign_in?return_to=${encodeURIComponent(returnTo)}`);
    assert.equal(page.status, 200);
    const posted = await browser.request('/auth/sign_in', { form: { ...hiddenFields(page.html), login: 'amina', password: user.password } });
    assert.equal(posted.status, 302, `return_to ${JSON.stringify(returnTo)}: ${posted.html}`);
    return posted.location!;
  }

  it('sends the browser back only to this server, as a browser reads the address', async () => {
    const tricks = [
      '/\t/evil.example/phish',
      '/%09/evil.example',
      '/\\evil.example',
      '\t//evil.example',
      'https://evil.example',
      '/%2F/evil.example',
      ' //evil.example',
      '/.//evil.example',
      '/x/..//evil.example',
      '/\\/evil.example',
      '//evil.example',
      '/\n/evil.example',
    ];
    const escaped: string[] = [];
    for (const returnTo of tricks) {
      const location = await signInReturningTo(returnTo);
      // The WHATWG URL parser is the one browsers use on a Location: where it leads is where they go.
      if (new URL(location, `${server.url}/auth/sign_in`).origin !== server.url) escaped.push(`${JSON.stringify(returnTo)} → ${JSON.stringify(location)}`);
    }
    assert.deepEqual(escaped, []);
  });

  it('keeps a return_to on this server, normalised', async () => {
    const authorize = '/oauth/authorize?client_id=abc&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&scope=read+write';
    assert.equal(await signInReturningTo(authorize), authorize);
    assert.equal(await signInReturningTo('/web/@amina/1#reply'), '/web/@amina/1#reply');
    assert.equal(await signInReturningTo(`${server.url}/web/home`), '/web/home');
    assert.equal(await signInReturningTo('/café?q=thé'), '/caf%C3%A9?q=th%C3%A9');
  });

  it('answers 400, not 500, to a sign-in posted with a control character in return_to', async () => {
    for (const returnTo of ['/a\nb', '/a\r\nSet-Cookie: taken=1', '/a\u0001b', '/\t/evil.example/phish']) {
      const browser = new Browser(server.url);
      const posted = await browser.request('/auth/sign_in', { form: { return_to: returnTo, login: 'amina', password: user.password } });
      assert.equal(posted.status, 400, JSON.stringify(returnTo));
      assert.deepEqual(JSON.parse(posted.html), { error: 'return_to must not contain control characters' });
    }
  });

  it('refuses to register an app whose redirect URI holds a control character', async () => {
    for (const uri of ['https://app.example/cb\u0001', 'https://app.example/cb\u007f']) {
      const r = await call(server.url, '/api/v1/apps', { json: { client_name: 'x', redirect_uris: [uri], scopes: 'read' } });
      assert.equal(r.status, 422, JSON.stringify(uri));
      assert.equal(r.body.details.redirect_uri[0].error, 'ERR_INVALID');
    }
  });

  it('sends a browser from an actor to its page only for a username, never a 500', async () => {
    const page = await fetch(`${server.url}/users/amina`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(page.status, 302);
    assert.equal(page.headers.get('location'), '/@amina');
    for (const path of ['/users/amina%01', '/users/amina%0D%0AX:1', '/users/amina%01/statuses/1']) {
      const odd = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      await odd.arrayBuffer();
      assert.notEqual(odd.status, 500, path);
      assert.equal(odd.headers.get('location'), null, path);
    }
  });

  it('encodes what else the request puts in a Location (a hashtag, the OAuth state)', async () => {
    const tag = await call(server.url, '/tags/a%0D%0Ab');
    assert.equal(tag.status, 302);
    assert.equal(tag.headers.get('location'), '/web/tags/a%0D%0Ab');

    const app = await call(server.url, '/api/v1/apps', { json: { client_name: 'x', redirect_uris: 'https://app.example/cb', scopes: 'read' } });
    const authorise = async (state: string) => {
      const browser = new Browser(server.url);
      const query = new URLSearchParams({ client_id: app.body.client_id, redirect_uri: 'https://app.example/cb', scope: 'read', state });
      const signIn = await browser.request(`/oauth/authorize?${query}`);
      const page = await browser.request(signIn.location!);
      const posted = await browser.request('/auth/sign_in', { form: { ...hiddenFields(page.html), login: 'amina', password: user.password } });
      const consent = await browser.request(posted.location!);
      assert.equal(consent.status, 200);
      const done = await browser.request('/oauth/authorize', { form: { ...hiddenFields(consent.html), allowed: 'true' } });
      assert.equal(done.status, 302);
      return new URL(done.location!).searchParams;
    };
    assert.equal((await authorise('x&y=<z>#"w"')).get('state'), 'x&y=<z>#"w"');
    // OAuth allows no control characters in a state: the app is told so, on its own address.
    assert.equal((await authorise('a\r\nb')).get('error'), 'invalid_request');
  });
});
