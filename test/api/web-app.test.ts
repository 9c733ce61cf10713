// How the server hands out the built web app: index.html for / and client routes under /web/,
// hashed assets cached for good, and the API, OAuth and public pages left where they were.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { call } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('web app files', () => {
  let server: TestServer;
  before(async () => {
    await ensureWebBuild({ quiet: true });
    server = await startServer();
  });
  after(() => server.stop());

  it('serves the app for / and every client route, with a content security policy', async () => {
    for (const route of ['/', '/web/home', '/web/@someone/123', '/web/settings']) {
      const page = await call(server.url, route);
      assert.equal(page.status, 200, route);
      assert.match(page.body, /<div id="root"><\/div>/);
      assert.equal(page.headers.get('cache-control'), 'no-cache');
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    }
  });

  it('caches hashed assets for a year and compresses them', async () => {
    const index = await call(server.url, '/');
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)">/.exec(index.body)?.[1];
    assert.ok(script, 'index.html names its script');
    const response = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/javascript/);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    await response.arrayBuffer();
    assert.equal((await call(server.url, '/assets/missing-0000.js')).status, 404);
    assert.equal((await call(server.url, '/assets/..%2Fpackage.json')).status, 404);
  });

  it('leaves the API, the sign-in page, hashtags and public pages to their own routes', async () => {
    const unknown = await call(server.url, '/api/v1/nothing-here');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { error: 'Not Found' });
    const signIn = await call(server.url, '/auth/sign_in');
    assert.equal(signIn.status, 200);
    assert.match(signIn.body, /name="password"/);
    assert.equal((await call(server.url, '/@nobody')).status, 404);
    const tag = await call(server.url, '/tags/Parley');
    assert.equal(tag.status, 302);
    assert.equal(tag.headers.get('location'), '/web/tags/Parley');
  });
});
