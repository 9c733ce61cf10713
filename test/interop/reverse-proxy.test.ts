// Parley as every public server runs it: plain HTTP behind a TLS-terminating proxy, with
// PARLEY_ORIGIN naming the public https origin. Run behind nginx with the README's configuration
// when nginx is installed, and behind the test's own proxy (which forwards as that configuration
// does) always.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { call, signUp } from '../helpers/http.ts';
import { nginxAvailable, type ReverseProxy } from '../helpers/reverse-proxy.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, listening, rawSocket } from '../helpers/streaming.ts';
import { testTls } from '../helpers/tls.ts';

const tls = testTls();
const file = (relative: string) => fs.readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

describe('the README’s reverse-proxy set-up', () => {
  it('shows docs/nginx.conf as it is, the configuration these tests run nginx with', () => {
    assert.ok(file('../../README.md').includes(file('../../docs/nginx.conf').trim()), 'README.md must quote docs/nginx.conf verbatim');
  });
});

for (const kind of ['nginx', 'node'] as ReverseProxy['kind'][]) {
  const skip = !tls ? 'openssl is needed to make the test certificate authority' : kind === 'nginx' && !nginxAvailable() ? 'nginx is not installed (.ci/run installs it)' : false;
  describe(`Parley behind ${kind === 'nginx' ? 'nginx' : 'a proxy forwarding as nginx does'}`, { skip }, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer({ PARLEY_RATE_LIMIT_SIGN_IN: '3/300' }, { tls: tls!, proxy: kind });
    });
    after(async () => {
      await server?.stop();
    });

    it('names itself by its public origin everywhere, whatever Host and scheme the proxy forwards', async () => {
      assert.equal(server.proxy?.kind, kind);
      const instance = await call(server.url, '/api/v2/instance');
      assert.equal(instance.body.domain, new URL(server.url).host);
      const finger = await call(server.url, `/.well-known/webfinger?resource=${encodeURIComponent(`acct:nobody@${new URL(server.url).host}`)}`);
      assert.equal(finger.status, 404);
      const ana = await signUp(server.url, 'ana');
      const actor = await fetch(`${server.url}/users/ana`, { headers: { accept: 'application/activity+json' } });
      const json = (await actor.json()) as { id: string; inbox: string; outbox: string };
      assert.equal(json.id, `${server.url}/users/ana`);
      const outbox = (await (await fetch(json.outbox, { headers: { accept: 'application/activity+json' } })).json()) as { id: string; first?: string };
      assert.ok(outbox.id.startsWith(`${server.url}/`), `the collection links with the public origin: ${outbox.id}`);
      const page = await call(server.url, '/api/v1/timelines/home', { token: ana.token });
      assert.equal(page.status, 200);
    });

    it('carries the streaming API’s WebSocket through the proxy', async () => {
      const bo = await signUp(server.url, 'bo');
      const boId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: bo.token })).body.id as string;
      const socket = await rawSocket(server.url, '?stream=user', [bo.token]);
      // Subscribing sends no reply: the stream is heard listening to bo's own posts first.
      await listening(server.app.bus, channel.author(boId), socket);
      const posted = await call(server.url, '/api/v1/statuses', { token: bo.token, json: { status: 'through the proxy' } });
      const update = await socket.next((f) => f.event === 'update');
      socket.ws.close();
      assert.equal(JSON.parse(update.payload!).id, posted.body.id, 'the update arrived over the proxied WebSocket');
    });

    it('limits sign-in per client, not per proxy: one client’s failures do not lock out another', async () => {
      await signUp(server.url, 'cy');
      const attempt = (client: string) => call(server.url, '/auth/sign_in', { headers: { origin: server.url, 'x-forwarded-for': client }, form: { login: 'cy', password: 'wrong', return_to: '/' } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt('203.0.113.7')).status);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      assert.equal((await attempt('198.51.100.8')).status, 401, 'another client is still heard');
    });
  });
}
