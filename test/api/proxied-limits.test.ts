// Rate limits see the client, not the proxy in front of Parley: forwarding headers are believed from
// trusted proxies only (loopback by default), and password sign-ins are also limited per account.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

/** An app allowed to register accounts and to use the password grant. */
async function registrar(base: string) {
  const app = await call(base, '/api/v1/apps', { json: { client_name: 'proxied', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' } });
  const token = await call(base, '/oauth/token', { json: { grant_type: 'client_credentials', client_id: app.body.client_id, client_secret: app.body.client_secret, scope: 'write' } });
  return { clientId: app.body.client_id as string, clientSecret: app.body.client_secret as string, token: token.body.access_token as string };
}

type App = Awaited<ReturnType<typeof registrar>>;

function register(base: string, app: App, name: string, headers: Record<string, string>) {
  return call(base, '/api/v1/accounts', { token: app.token, headers, json: { username: name, email: `${name}@example.com`, password: 'correct horse battery', agreement: true } });
}

/** A password sign-in through the sign-in page or the OAuth password grant; its status. */
async function signIn(base: string, app: App, door: 'page' | 'grant', login: string, password: string, headers: Record<string, string>): Promise<number> {
  if (door === 'page') {
    const r = await call(base, '/auth/sign_in', { headers: { ...headers, origin: base }, form: { login, password, return_to: '/' } });
    return r.status;
  }
  const r = await call(base, '/oauth/token', { headers, json: { grant_type: 'password', client_id: app.clientId, client_secret: app.clientSecret, username: login, password, scope: 'read' } });
  if (r.status === 429) assert.ok(Number(r.headers.get('retry-after')) > 0, 'a 429 says when to come back');
  return r.status;
}

const from = (address: string) => ({ 'x-forwarded-for': address });
const WRONG = 'not the password';
const RIGHT = 'correct horse battery';
const signedIn = (door: 'page' | 'grant') => (door === 'page' ? 302 : 200);
const wrong = (door: 'page' | 'grant') => (door === 'page' ? 401 : 400);

describe('behind a trusted proxy (loopback, the default)', () => {
  let server: TestServer;
  let app: App;
  before(async () => {
    server = await startServer({ PARLEY_RATE_LIMIT_SIGN_UP: '2/1800', PARLEY_RATE_LIMIT_SIGN_IN: '3/300' });
    app = await registrar(server.url);
  });
  after(async () => {
    await server.stop();
  });

  it('gives each forwarded client its own sign-up limit, and stores the client’s address', async () => {
    const first = [];
    for (const name of ['one', 'two', 'three']) first.push((await register(server.url, app, name, from('203.0.113.1'))).status);
    assert.deepEqual(first, [200, 200, 429]);
    assert.equal((await register(server.url, app, 'four', from('198.51.100.2, 127.0.0.1'))).status, 200, 'another client is not refused');
    const stored = await server.app.database.pool.query<{ ip: string }>(`select u.sign_up_ip as ip from users u join accounts a on a.id = u.account_id where a.username = 'four'`);
    assert.equal(stored.rows[0]?.ip, '198.51.100.2');
  });

  it('gives each forwarded client its own sign-in limit, on the page and for the password grant', async () => {
    for (const door of ['page', 'grant'] as const) {
      const client = door === 'page' ? '203.0.113.10' : '203.0.113.11';
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await signIn(server.url, app, door, 'nobody', WRONG, from(client)));
      assert.deepEqual(statuses, [wrong(door), wrong(door), wrong(door), 429], door);
      assert.equal(await signIn(server.url, app, door, 'nobody', WRONG, from(`[2001:db8::${door === 'page' ? 1 : 2}]:4711`)), wrong(door), `${door}: another client is not refused`);
    }
  });
});

describe('behind a proxy that is not trusted', () => {
  let server: TestServer;
  let app: App;
  before(async () => {
    server = await startServer({ PARLEY_RATE_LIMIT_SIGN_UP: '2/1800', PARLEY_TRUSTED_PROXIES: '10.0.0.0/8' });
    app = await registrar(server.url);
  });
  after(async () => {
    await server.stop();
  });

  it('ignores X-Forwarded-For and Forwarded: a spoofed address gets no fresh budget', async () => {
    const statuses = [];
    for (const [i, name] of ['five', 'six', 'seven', 'eight'].entries()) {
      const headers = i % 2 ? { forwarded: `for=192.0.2.${i}` } : from(`192.0.2.${i}`);
      statuses.push((await register(server.url, app, name, headers)).status);
    }
    assert.deepEqual(statuses, [200, 200, 429, 429]);
  });
});

describe('sign-in limits per account', () => {
  let server: TestServer;
  let app: App;
  before(async () => {
    server = await startServer({ PARLEY_RATE_LIMIT_SIGN_IN_ACCOUNT: '3/900' });
    app = await registrar(server.url);
    for (const name of ['target_page', 'target_grant', 'owner_page', 'owner_grant', 'bystander']) await signUp(server.url, name);
  });
  after(async () => {
    await server.stop();
  });

  it('locks an account’s password sign-in once many addresses got its password wrong, and no other account', async () => {
    for (const door of ['page', 'grant'] as const) {
      const target = `target_${door}`;
      for (let i = 1; i <= 3; i++) assert.equal(await signIn(server.url, app, door, target, WRONG, from(`198.51.100.${i}`)), wrong(door));
      assert.equal(await signIn(server.url, app, door, target, RIGHT, from('198.51.100.99')), 429, `${door}: the right password from a new address waits too`);
      assert.equal(await signIn(server.url, app, door, `${target.toUpperCase()}`, RIGHT, from('198.51.100.98')), 429, `${door}: however the login is spelt`);
      assert.equal(await signIn(server.url, app, door, 'bystander', RIGHT, from('198.51.100.97')), signedIn(door), `${door}: another account is not locked`);
    }
  });

  it('stops one address guessing one account without locking its owner out', async () => {
    for (const door of ['page', 'grant'] as const) {
      const owner = `owner_${door}`;
      const attacker = from(door === 'page' ? '203.0.113.50' : '203.0.113.51');
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await signIn(server.url, app, door, owner, WRONG, attacker));
      assert.deepEqual(statuses, [wrong(door), wrong(door), wrong(door), 429, 429], door);
      assert.equal(await signIn(server.url, app, door, owner, RIGHT, from('192.0.2.77')), signedIn(door), `${door}: the owner signs in from elsewhere`);
      assert.equal(await signIn(server.url, app, door, 'bystander', RIGHT, attacker), signedIn(door), `${door}: the address may still sign in to other accounts`);
    }
  });

  it('treats a login that names nobody like one that does', async () => {
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push(await signIn(server.url, app, 'grant', 'ghost', WRONG, from(`192.0.2.${100 + i}`)));
    assert.deepEqual(statuses, [400, 400, 400, 429]);
  });
});
