// Each way of revoking a token announces it once committed, and the bearer remembered for it (see
// auth/access-cache, kept a few seconds) is forgotten at once: the very next lookup sees it revoked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OAuthApp } from '../../src/core/auth/oauth.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('revoking tokens', () => {
  let server: TestServer;
  let app: OAuthApp;
  let userId: string;

  before(async () => {
    server = await startServer({}, { worker: false });
    const { core } = server.app;
    userId = (await core.accounts.insertUser({ username: 'holder', email: 'holder@example.com', password: 'long enough pw', locale: 'en', approved: true, confirmed: true })).user.id;
    app = await core.oauth.createApp({ name: 'revoker', redirectUris: ['urn:ietf:wg:oauth:2.0:oob'], scopes: 'read' });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  /** A token of the user, looked up once so that its bearer is remembered. */
  async function rememberedToken(): Promise<{ id: string; accessToken: string; refreshToken: string }> {
    const issued = await server.app.core.oauth.issueToken({ appId: app.id, userId, scopes: ['read'], ttlSeconds: 0, withRefresh: true });
    assert.equal((await server.app.core.oauth.bearer(issued.accessToken))?.token.revokedAt, null);
    return { id: issued.row.id, accessToken: issued.accessToken, refreshToken: issued.refreshToken! };
  }

  const revokedAt = async (accessToken: string) => (await server.app.core.oauth.bearer(accessToken))?.token.revokedAt;

  it('by id (signing out)', async () => {
    const token = await rememberedToken();
    await server.app.core.oauth.revokeTokenById(token.id);
    assert.ok(await revokedAt(token.accessToken));
  });

  it('by the app, with the access token or the refresh token (RFC 7009)', async () => {
    const byAccess = await rememberedToken();
    assert.equal(await server.app.core.oauth.revokeToken(app.id, byAccess.accessToken), true);
    assert.ok(await revokedAt(byAccess.accessToken));
    const byRefresh = await rememberedToken();
    assert.equal(await server.app.core.oauth.revokeToken(app.id, byRefresh.refreshToken), true);
    assert.ok(await revokedAt(byRefresh.accessToken));
  });

  it('every token of a user, or every one but the token in use (a password change)', async () => {
    const [kept, other] = [await rememberedToken(), await rememberedToken()];
    assert.equal(await server.app.core.oauth.revokeUserTokens(userId, kept.id), 1);
    assert.ok(await revokedAt(other.accessToken));
    assert.equal(await revokedAt(kept.accessToken), null, 'the token in use is still good');
    assert.equal(await server.app.core.oauth.revokeUserTokens(userId), 1);
    assert.ok(await revokedAt(kept.accessToken));
  });
});
