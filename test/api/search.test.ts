// GET /api/v2/search, local only: accounts, hashtags and posts, through the visibility rules.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('search (v2)', () => {
  let server: TestServer;
  let ana: Awaited<ReturnType<typeof signUp>>;
  let ben: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    server = await startServer();
    ana = await signUp(server.url, 'ana');
    ben = await signUp(server.url, 'ben');
    await call(server.url, '/api/v1/statuses', { token: ana.token, json: { status: 'Loving #Gardening and #garlic today, tomatoes too' } });
    await call(server.url, '/api/v1/statuses', { token: ana.token, json: { status: 'Secret tomatoes plan', visibility: 'private' } });
    await call(server.url, '/api/v1/statuses', { token: ben.token, json: { status: '100% tomatoes_or_nothing' } });
  });
  after(async () => {
    await server.stop();
  });

  it('finds accounts, hashtags by prefix, and posts by words', async () => {
    const people = await call(server.url, '/api/v2/search?q=an', { token: ben.token });
    assert.equal(people.status, 200);
    assert.deepEqual(
      people.body.accounts.map((a: { acct: string }) => a.acct),
      ['ana'],
    );

    const tags = await call(server.url, '/api/v2/search?q=%23gar&type=hashtags', { token: ben.token });
    assert.deepEqual(
      tags.body.hashtags.map((h: { name: string }) => h.name),
      ['Gardening', 'garlic'],
    );
    assert.equal(tags.body.hashtags[1].url, `${server.url}/tags/garlic`);
    assert.deepEqual(tags.body.accounts, []);

    const posts = await call(server.url, '/api/v2/search?q=tomatoes&type=statuses', { token: ben.token });
    assert.deepEqual(
      posts.body.statuses.map((s: { content: string }) => s.content.replace(/<[^>]+>/g, '')),
      ['100% tomatoes_or_nothing', 'Loving #Gardening and #garlic today, tomatoes too'],
    );
  });

  it('matches words literally and never shows posts the viewer may not see', async () => {
    const literal = await call(server.url, '/api/v2/search?q=100%25&type=statuses', { token: ana.token });
    assert.equal(literal.body.statuses.length, 1);
    const own = await call(server.url, '/api/v2/search?q=secret', { token: ana.token });
    assert.equal(own.body.statuses.length, 1, 'the author finds her own private post');
    const other = await call(server.url, '/api/v2/search?q=secret', { token: ben.token });
    assert.equal(other.body.statuses.length, 0);
    const anonymous = await call(server.url, '/api/v2/search?q=secret');
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.body.statuses.length, 0);
  });

  it('refuses a missing query and an unknown type, Mastodon-style', async () => {
    const missing = await call(server.url, '/api/v2/search', { token: ana.token });
    assert.equal(missing.status, 400);
    assert.ok(missing.body.error);
    const badType = await call(server.url, '/api/v2/search?q=a&type=lists', { token: ana.token });
    assert.ok(badType.status === 400 || badType.status === 422);
    assert.ok(badType.body.error);
  });

  it('answers in the shape the Mastodon OpenAPI description gives', () => {
    assert.deepEqual(
      server.problems.filter((p) => p.includes('/api/v2/search')),
      [],
    );
  });
});
