// Markers (home and notifications, the timelines Mastodon keeps them for) through masto.js and
// megalodon, and /api/v1/emails/confirmations, which a server that sends no e-mail answers as
// Mastodon answers a confirmed user.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import generator from 'megalodon';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('markers and e-mail confirmations', () => {
  let server: TestServer;
  let token: string;
  let client: mastodon.rest.Client;

  before(async () => {
    server = await startServer();
    token = (await signUp(server.url, 'reader')).token;
    client = createRestAPIClient({ url: server.url, accessToken: token });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('keeps home and notifications markers, versioned only when they move', async () => {
    assert.deepEqual(await client.v1.markers.fetch({ timeline: ['home', 'notifications'] }), {});
    const first = await client.v1.markers.create({ home: { lastReadId: '1000' } });
    assert.deepEqual([first.home?.lastReadId, first.home?.version], ['1000', 0]);
    const same = await client.v1.markers.create({ home: { lastReadId: '1000' } });
    assert.deepEqual([same.home?.version, same.home?.updatedAt], [0, first.home?.updatedAt], 'the same position changes nothing');
    const moved = await client.v1.markers.create({ home: { lastReadId: '1200' }, notifications: { lastReadId: '7' } });
    assert.deepEqual([moved.home?.lastReadId, moved.home?.version, moved.notifications?.version], ['1200', 1, 0]);
    const m = generator('mastodon', server.url, token);
    await m.saveMarkers({ notifications: { last_read_id: '9' } });
    const read = (await m.getMarkers(['home', 'notifications'])).data as Record<string, { last_read_id: string; version: number }>;
    assert.deepEqual([read.home?.last_read_id, read.notifications?.last_read_id, read.notifications?.version], ['1200', '9', 1]);
    assert.deepEqual(Object.keys((await call(server.url, '/api/v1/markers?timeline[]=home', { token })).body), ['home']);
    assert.equal((await call(server.url, '/api/v1/markers', { token, json: { home: { last_read_id: 'not an id' } } })).status, 422);
  });

  it('answers a confirmed user as Mastodon does: there is nothing to resend', async () => {
    // masto.js rejects with the response itself here (a multipart request with no part).
    await assert.rejects(client.v1.emails.confirmations.create(), (error: { statusCode?: number; status?: number }) => (error.statusCode ?? error.status) === 403);
    const raw = await call(server.url, '/api/v1/emails/confirmations', { method: 'POST', token, json: { email: 'new@example.com' } });
    assert.equal(raw.status, 403);
    assert.equal(raw.body.error, 'This method is only available while the e-mail is awaiting confirmation');
    assert.equal((await call(server.url, '/api/v1/emails/confirmations', { method: 'POST' })).status, 401);
  });

  it('tells an unconfirmed user that its administrators confirm accounts, and refuses app tokens', async () => {
    const { core } = server.app;
    const { user } = await core.accounts.insertUser({ username: 'newcomer', email: 'new@example.com', password: 'long enough pw', locale: 'en', approved: true, confirmed: false });
    const app = await core.oauth.createApp({ name: 'mail', redirectUris: ['urn:ietf:wg:oauth:2.0:oob'], scopes: 'read write' });
    const issued = await core.oauth.issueToken({ appId: app.id, userId: user.id, scopes: ['read', 'write'], ttlSeconds: 0, withRefresh: false });
    const unconfirmed = await call(server.url, '/api/v1/emails/confirmations', { method: 'POST', token: issued.accessToken, json: { email: 'other@example.com' } });
    assert.equal(unconfirmed.status, 403);
    assert.match(unconfirmed.body.error, /sends no e-mail/);
    const appOnly = await core.oauth.issueToken({ appId: app.id, userId: null, scopes: ['read'], ttlSeconds: 0, withRefresh: false });
    assert.equal((await call(server.url, '/api/v1/emails/confirmations', { method: 'POST', token: appOnly.accessToken })).status, 403);
  });
});
