// /health and the answers while PostgreSQL or Redis cannot be reached, for a database behind
// DATABASE_URL (an external one, or in the embedded set-up one the test runs): the test stands a
// TCP relay between Parley and each, and cuts it as if the server had gone away.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from './helpers/http.ts';
import { EXTERNAL_REDIS, sharedDatabase, startServer, type TestServer } from './helpers/server.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';
import { eventually } from './helpers/wait.ts';

/** The same address through the relay. */
function through(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

async function relayTo(url: string): Promise<TcpProxy> {
  const u = new URL(url);
  return startTcpProxy({ host: u.hostname, port: Number(u.port) });
}

describe('health, and answers while the database or Redis cannot be reached', () => {
  let shared: { url: string; close(): Promise<void> };
  let database: TcpProxy;
  let redis: TcpProxy | undefined;
  let server: TestServer;

  before(async () => {
    shared = await sharedDatabase();
    const url = shared.url;
    database = await relayTo(url);
    redis = EXTERNAL_REDIS ? await relayTo(EXTERNAL_REDIS) : undefined;
    server = await startServer({ DATABASE_URL: through(url, database), ...(redis ? { REDIS_URL: through(EXTERNAL_REDIS!, redis) } : {}) });
  });
  after(async () => {
    await server?.stop();
    await database?.cut();
    await redis?.cut();
    await shared?.close();
  });

  it('says OK on /health and /api/v1/streaming/health while everything answers', async () => {
    for (const route of ['/health', '/api/v1/streaming/health']) {
      const r = await call(server.url, route);
      assert.equal(r.status, 200, route);
      assert.equal(r.body, 'OK');
    }
  });

  it('answers 503 naming the database on /health and 503 with Retry-After to requests, then serves again with what it acknowledged', async () => {
    const { token } = await signUp(server.url, 'patient');
    const before = await call(server.url, '/api/v1/statuses', { token, json: { status: 'before the outage' } });
    assert.equal(before.status, 200);

    await database.cut();
    const health = await eventually(
      async () => {
        const r = await call(server.url, '/health');
        return r.status === 503 && r;
      },
      10_000,
      '/health to say the database is down',
    );
    assert.equal(health.body.database, 'down');
    assert.equal(health.body.redis, redis ? 'ok' : undefined);
    assert.match(health.body.error, /database/);
    assert.ok(health.headers.get('retry-after'));
    assert.equal((await call(server.url, '/api/v1/streaming/health')).status, 503);

    for (const request of [
      () => call(server.url, '/api/v1/statuses', { token, json: { status: 'during the outage' } }),
      () => call(server.url, '/api/v1/timelines/home', { token }),
      // (the post itself may still be answered from memory)
      () => call(server.url, `/api/v1/statuses/${before.body.id}/context`, { token }),
      // the federation door too
      () => call(server.url, '/users/patient', { headers: { accept: 'application/activity+json' } }),
    ]) {
      const r = await request();
      assert.equal(r.status, 503, JSON.stringify(r.body));
      assert.equal(r.headers.get('retry-after'), '5');
      assert.equal(typeof r.body.error, 'string');
    }

    await database.resume();
    await eventually(async () => (await call(server.url, '/health')).status === 200, 10_000, '/health to say OK again');
    assert.equal((await call(server.url, '/api/v1/statuses', { token, json: { status: 'after the outage' } })).status, 200);
    assert.equal((await call(server.url, `/api/v1/statuses/${before.body.id}`, { token })).body.content, '<p>before the outage</p>');
    assert.deepEqual(server.problems, []);
  });

  it('names Redis when Redis cannot be reached', { skip: EXTERNAL_REDIS ? false : 'set PARLEY_TEST_REDIS_URL to check Redis' }, async () => {
    await redis!.cut();
    const health = await eventually(
      async () => {
        const r = await call(server.url, '/health');
        return r.status === 503 && r;
      },
      10_000,
      '/health to say Redis is down',
    );
    assert.deepEqual({ database: health.body.database, redis: health.body.redis }, { database: 'ok', redis: 'down' });
    assert.match(health.body.error, /redis/);
    await redis!.resume();
    await eventually(async () => (await call(server.url, '/health')).status === 200, 10_000, '/health to say OK again');
  });
});
