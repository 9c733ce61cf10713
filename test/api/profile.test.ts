// /api/v1/profile (Mastodon 4.6) through masto.js and raw HTTP: the profile as typed, edited like
// update_credentials, and the avatar and header taken off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('profile', () => {
  let server: TestServer;
  let token: string;
  let client: mastodon.rest.Client;

  before(async () => {
    server = await startServer();
    token = (await signUp(server.url, 'painter')).token;
    client = createRestAPIClient({ url: server.url, accessToken: token });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('reads the profile with its values as typed', async () => {
    const note = { note: 'Paints <boats>.\n\nhttps://example.org', fields_attributes: [{ name: 'studio', value: 'by the sea' }] };
    assert.equal((await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token, json: note })).status, 200);
    const profile = await client.v1.profile.fetch();
    const me = await client.v1.accounts.verifyCredentials();
    assert.equal(profile.id, me.id);
    assert.equal(profile.note, 'Paints <boats>.\n\nhttps://example.org');
    assert.match(me.note, /&lt;boats&gt;/);
    assert.deepEqual(profile.fields, [{ name: 'studio', value: 'by the sea', verifiedAt: null }]);
    assert.deepEqual([profile.avatar, profile.header], [null, null], 'no picture of its own');
    assert.match(me.avatar, /missing\.png$/);
  });

  it('edits it as update_credentials does, leaving aside what Parley does not keep', async () => {
    const edited = await client.v1.profile.update({ displayName: 'The Painter', locked: true, showMedia: false, fieldsAttributes: [{ name: 'medium', value: 'oil' }] });
    assert.equal(edited.displayName, 'The Painter');
    assert.equal(edited.locked, true);
    assert.equal(edited.showMedia, true, 'not kept: the default');
    assert.deepEqual(edited.fields, [{ name: 'medium', value: 'oil', verifiedAt: null }]);
    const me = await client.v1.accounts.verifyCredentials();
    assert.deepEqual([me.displayName, me.locked], ['The Painter', true]);
    const json = await call(server.url, '/api/v1/profile', { method: 'PATCH', token, json: { bot: true } });
    assert.deepEqual([json.status, json.body.bot, json.body.display_name], [200, true, 'The Painter']);
  });

  it('takes the avatar and header off, answering the account', async () => {
    const avatar = await client.v1.profile.avatar.remove();
    assert.match(avatar.avatar, /missing\.png$/);
    assert.equal(avatar.source.note, 'Paints <boats>.\n\nhttps://example.org');
    const header = await call(server.url, '/api/v1/profile/header', { method: 'DELETE', token });
    assert.equal(header.status, 200);
    assert.match(header.body.header, /missing\.png$/);
  });

  it('refuses bad edits, missing tokens and tokens without the scope', async () => {
    const long = await call(server.url, '/api/v1/profile', { method: 'PATCH', token, json: { display_name: 'x'.repeat(31) } });
    assert.equal(long.status, 422);
    assert.match(long.body.error, /Display name/);
    assert.equal((await call(server.url, '/api/v1/profile')).status, 401);
    const { core } = server.app;
    const bearer = (await core.oauth.bearer(token))!;
    const reader = (await core.oauth.issueToken({ appId: bearer.token.appId, userId: bearer.user!.id, scopes: ['read'], ttlSeconds: 0, withRefresh: false })).accessToken;
    assert.equal((await call(server.url, '/api/v1/profile', { token: reader })).status, 200);
    assert.equal((await call(server.url, '/api/v1/profile', { method: 'PATCH', token: reader, json: { bot: true } })).status, 403);
    assert.equal((await call(server.url, '/api/v1/profile/avatar', { method: 'DELETE', token: reader })).status, 403);
  });
});
