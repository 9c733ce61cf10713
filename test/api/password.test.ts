// Changing one's password (Parley's own endpoint; Mastodon's API has none).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('POST /api/parley/v1/password', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  it('needs the current password, checks the new one, and signs out the other sessions only', async () => {
    const user = await signUp(server.url, 'keeper');
    const grant = (password: string) =>
      call(server.url, '/oauth/token', { form: { grant_type: 'password', client_id: user.clientId, client_secret: user.clientSecret, username: 'keeper', password, scope: 'read write' } });
    const other = (await grant(user.password)).body.access_token as string;
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: other })).status, 200);

    const wrong = await call(server.url, '/api/parley/v1/password', { token: user.token, json: { current_password: 'nope', password: 'a longer passphrase' } });
    assert.equal(wrong.status, 422);
    assert.deepEqual(Object.keys(wrong.body.details), ['current_password']);
    const short = await call(server.url, '/api/parley/v1/password', { token: user.token, json: { current_password: user.password, password: 'short' } });
    assert.equal(short.status, 422);
    assert.deepEqual(Object.keys(short.body.details), ['password']);
    assert.equal((await call(server.url, '/api/parley/v1/password', { json: { current_password: user.password, password: 'x'.repeat(12) } })).status, 401);

    const done = await call(server.url, '/api/parley/v1/password', { token: user.token, json: { current_password: user.password, password: 'a longer passphrase' } });
    assert.equal(done.status, 200);
    assert.equal(done.body.signed_out_sessions, 1);
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token })).status, 200, 'this session stays');
    assert.equal((await call(server.url, '/api/v1/accounts/verify_credentials', { token: other })).status, 401, 'the other one is signed out');
    assert.equal((await grant(user.password)).status, 400, 'the old password no longer works');
    assert.equal((await grant('a longer passphrase')).status, 200);
  });
});
