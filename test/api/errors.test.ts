import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('bad input gets a clear JSON error', () => {
  let server: TestServer;
  let user: Awaited<ReturnType<typeof signUp>>;
  before(async () => {
    server = await startServer({ PARLEY_MAX_BODY_BYTES: '4096' });
    user = await signUp(server.url, 'tester');
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('malformed JSON is a 400', async () => {
    for (const body of ['{"client_name":', '[1,2]', '"just a string"', 'null']) {
      const r = await call(server.url, '/api/v1/apps', { body, headers: { 'content-type': 'application/json' } });
      assert.equal(r.status, 400, body);
      assert.match(r.body.error, /parsing request parameters/);
    }
    const token = await call(server.url, '/oauth/token', { body: '{nope', headers: { 'content-type': 'application/json' } });
    assert.equal(token.status, 400);
  });

  it('wrong types are a 422 naming the field', async () => {
    const r = await call(server.url, '/api/v1/apps', { json: { client_name: ['a', 'b'], redirect_uris: 'https://x.example/cb' } });
    assert.equal(r.status, 422);
    assert.ok(r.body.details.client_name);
    const limit = await call(server.url, '/api/v1/accounts/search?q=a&limit=lots', { token: user.token });
    assert.equal(limit.status, 422);
    assert.ok(limit.body.details.limit);
  });

  it('oversized bodies are a 413, before they are read whole', async () => {
    const r = await call(server.url, '/api/v1/apps', { json: { client_name: 'x'.repeat(10_000), redirect_uris: 'https://x.example/cb' } });
    assert.equal(r.status, 413);
    assert.match(r.body.error, /too large/);
  });

  it('multipart forms are read like other forms; a broken one is a 400', async () => {
    const form = new FormData();
    form.set('display_name', 'From a form');
    const ok = await fetch(`${server.url}/api/v1/accounts/update_credentials`, { method: 'PATCH', headers: { authorization: `Bearer ${user.token}` }, body: form });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { display_name: string }).display_name, 'From a form');
    const broken = await call(server.url, '/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: user.token,
      body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    assert.equal(broken.status, 400);
  });

  it('unknown routes and methods are JSON 404s', async () => {
    const r = await call(server.url, '/api/v1/accounts/verify_credentials', { method: 'DELETE', token: user.token });
    assert.equal(r.status, 404);
    assert.equal(r.body.error, 'Not Found');
  });

  it('lets browser apps on any origin call the API: preflight, answers and errors carry CORS headers', async () => {
    const preflight = await fetch(`${server.url}/api/v1/timelines/home`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization/);
    assert.match(preflight.headers.get('access-control-allow-methods')!, /POST/);
    for (const [path, status] of [
      ['/api/v1/timelines/home', 200],
      ['/api/v1/statuses/1', 404],
      ['/api/v1/notifications', 200],
    ] as const) {
      const r = await fetch(`${server.url}${path}`, { headers: { origin: 'https://app.example', authorization: `Bearer ${user.token}` } });
      assert.equal(r.status, status, path);
      assert.equal(r.headers.get('access-control-allow-origin'), '*', path);
      assert.match(r.headers.get('access-control-expose-headers')!, /Link/, path);
      assert.match(r.headers.get('access-control-expose-headers')!, /X-RateLimit-Remaining/, path);
      assert.ok(r.headers.get('x-ratelimit-remaining'), path);
      await r.arrayBuffer();
    }
    const denied = await fetch(`${server.url}/api/v1/timelines/home`, { headers: { origin: 'https://app.example', authorization: 'Bearer nope' } });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get('access-control-allow-origin'), '*');
    assert.equal(((await denied.json()) as { error: string }).error, 'The access token is invalid');
    const webfinger = await fetch(`${server.url}/.well-known/webfinger?resource=acct:tester@${new URL(server.url).host}`, { headers: { origin: 'https://app.example' } });
    assert.equal(webfinger.headers.get('access-control-allow-origin'), '*');
    await webfinger.arrayBuffer();
  });
});

describe('rate limits', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PARLEY_RATE_LIMIT_API: '5/300', PARLEY_RATE_LIMIT_SIGN_UP: '2/1800', PARLEY_RATE_LIMIT_TOKEN: '3/300' });
  });
  after(async () => {
    await server.stop();
  });

  it('sends X-RateLimit headers and a 429 with Retry-After once the API limit is reached', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call<any>>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await call(server.url, '/api/v1/instance');
      statuses.push(last.status);
      if (i === 0) {
        assert.equal(last.headers.get('x-ratelimit-limit'), '5');
        assert.equal(last.headers.get('x-ratelimit-remaining'), '4');
        assert.ok(!Number.isNaN(Date.parse(last.headers.get('x-ratelimit-reset')!)));
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.equal(last!.body.error, 'Too many requests');
    assert.equal(last!.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(last!.headers.get('retry-after')) > 0);
  });

  it('limits sign-ups and token requests per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await call(server.url, '/oauth/token', { form: { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' } });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 429]);
  });
});

describe('sign-up rate limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PARLEY_RATE_LIMIT_SIGN_UP: '2/1800' });
  });
  after(async () => {
    await server.stop();
  });

  it('allows two sign-ups from one address per half hour, then answers 429', async () => {
    const app = await call(server.url, '/api/v1/apps', { json: { client_name: 'r', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'write' } });
    const t = await call(server.url, '/oauth/token', { form: { grant_type: 'client_credentials', client_id: app.body.client_id, client_secret: app.body.client_secret, scope: 'write' } });
    const statuses: number[] = [];
    for (const name of ['first', 'second', 'third']) {
      const r = await call(server.url, '/api/v1/accounts', {
        token: t.body.access_token,
        json: { username: name, email: `${name}@example.com`, password: 'a long password', agreement: true },
      });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
  });
});
