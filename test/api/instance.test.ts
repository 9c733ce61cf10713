import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { detector } from 'megalodon';
import { loadConformance } from '../helpers/conformance.ts';
import { call } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('instance and discovery', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PARLEY_INSTANCE_TITLE: 'Embassy Social', PARLEY_CONTACT_EMAIL: 'press@embassy.example' });
    // Before the first instance request: the instance entity's counts are cached for a few seconds.
    await server.app.core.accounts.insertUser({ username: 'counted', email: 'c@example.com', password: 'long enough pw', locale: 'en', approved: true, confirmed: true });
  });
  after(async () => {
    await server.stop();
  });

  it('serves the v1 instance, with and without a trailing slash, in a version apps understand', async () => {
    for (const path of ['/api/v1/instance', '/api/v1/instance/']) {
      const r = await call(server.url, path);
      assert.equal(r.status, 200);
      assert.equal(r.body.title, 'Embassy Social');
      assert.match(r.body.version, /^4\.5\.0 \(compatible; Parley \d+\.\d+\.\d+\)$/);
      assert.equal(r.body.uri, new URL(server.url).host);
      assert.equal(r.body.email, 'press@embassy.example');
      assert.equal(r.body.configuration.statuses.max_characters, 500);
      assert.equal(r.body.urls.streaming_api, server.url.replace('http', 'ws'));
    }
  });

  it('serves the v2 instance with registrations, limits and a VAPID key', async () => {
    const r = await call(server.url, '/api/v2/instance');
    assert.equal(r.status, 200);
    assert.equal(r.body.domain, new URL(server.url).host);
    assert.deepEqual(r.body.registrations.enabled, true);
    assert.equal(r.body.registrations.approval_required, false);
    assert.match(r.body.configuration.vapid.public_key, /^[A-Za-z0-9_-]{87}$/);
    // The key is made once and kept.
    const again = await call(server.url, '/api/v2/instance');
    assert.equal(again.body.configuration.vapid.public_key, r.body.configuration.vapid.public_key);
  });

  it('counts users in the instance entity and NodeInfo', async () => {
    const v1 = await call(server.url, '/api/v1/instance');
    assert.equal(v1.body.stats.user_count, 1);
    const ni = await call(server.url, '/nodeinfo/2.1');
    assert.equal(ni.body.usage.users.total, 1);
  });

  it('publishes NodeInfo 2.0 and 2.1 that megalodon recognises as Mastodon-compatible', async () => {
    const index = await call(server.url, '/.well-known/nodeinfo');
    assert.deepEqual(
      index.body.links.map((l: { rel: string }) => l.rel),
      ['http://nodeinfo.diaspora.software/ns/schema/2.0', 'http://nodeinfo.diaspora.software/ns/schema/2.1'],
    );
    for (const link of index.body.links) {
      const doc = await call(server.url, new URL(link.href).pathname);
      assert.equal(doc.status, 200);
      assert.equal(doc.body.software.name, 'parley');
      assert.deepEqual(doc.body.protocols, ['activitypub']);
      assert.equal(doc.body.openRegistrations, true);
    }
    assert.equal(await detector(server.url), 'mastodon');
  });

  it('publishes host-meta pointing at WebFinger', async () => {
    const r = await call(server.url, '/.well-known/host-meta');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /application\/xrd\+xml/);
    assert.match(r.body, new RegExp(`template="${server.url}/.well-known/webfinger\\?resource=\\{uri\\}"`));
  });

  it('publishes OAuth authorization server metadata', async () => {
    const r = await call(server.url, '/.well-known/oauth-authorization-server');
    assert.equal(r.status, 200);
    assert.equal(r.body.token_endpoint, `${server.url}/oauth/token`);
    assert.deepEqual(r.body.code_challenge_methods_supported, ['S256']);
    assert.ok(r.body.scopes_supported.includes('read:accounts'));
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const r = await call(server.url, '/api/v1/nothing-here');
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { error: 'Not Found' });
  });

  it('validates every entity against the Mastodon OpenAPI description', async (t) => {
    const conformance = loadConformance();
    if (!conformance.available) return t.skip('../shared/conformance/mastodon-openapi.json is absent');
    const v1 = await call(server.url, '/api/v1/instance');
    const v2 = await call(server.url, '/api/v2/instance');
    assert.deepEqual(conformance.entity('V1Instance', v1.body), []);
    assert.deepEqual(conformance.entity('Instance', v2.body), []);
    assert.deepEqual(server.problems, []);
  });
});
