// No N+1 on timeline paths: the number of queries a page costs does not grow with the page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('queries per page', () => {
  let server: TestServer;
  let reader: Awaited<ReturnType<typeof signUp>>;
  let authorIds: string[] = [];
  let queries = 0;

  before(async () => {
    server = await startServer();
    reader = await signUp(server.url, 'counter');
    const authors = [await signUp(server.url, 'writer1'), await signUp(server.url, 'writer2'), await signUp(server.url, 'writer3')];
    authorIds = [];
    for (const a of authors) {
      const id = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: a.token })).body.id;
      authorIds.push(id);
      await call(server.url, `/api/v1/accounts/${id}/follow`, { method: 'POST', token: reader.token });
    }
    // Varied statuses: mentions, tags, replies, reblogs, favourites, so every hydration branch runs.
    let last: string | undefined;
    for (let i = 0; i < 45; i++) {
      const a = authors[i % 3]!;
      const r = await call(server.url, '/api/v1/statuses', { token: a.token, json: { status: `@counter @writer1 number ${i} #tag${i % 4}`, in_reply_to_id: i % 5 === 0 ? last : undefined } });
      last = r.body.id;
      if (i % 4 === 0) await call(server.url, `/api/v1/statuses/${r.body.id}/reblog`, { method: 'POST', token: authors[(i + 1) % 3]!.token });
      if (i % 3 === 0) await call(server.url, `/api/v1/statuses/${r.body.id}/favourite`, { method: 'POST', token: reader.token });
    }
    await server.app.jobs.idle();
    const pool = server.app.database.pool;
    const original = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      queries++;
      return (original as (...a: unknown[]) => unknown)(...args);
    }) as typeof pool.query;
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  /** The warm cost of a page: the cheaper of two calls in a row (short-lived caches, such as the viewer's filters, are filled by the first). */
  async function cost(path: string, itemsOf: (body: any) => number = (body) => body.length): Promise<{ queries: number; items: number }> {
    const once = async () => {
      queries = 0;
      const r = await call(server.url, path, { token: reader.token });
      assert.equal(r.status, 200, path);
      return { queries, items: itemsOf(r.body) };
    };
    const [first, second] = [await once(), await once()];
    return first.queries <= second.queries ? first : second;
  }

  // The most each page may cost once warm: the token's user is remembered for a few seconds (see
  // core/auth/access-cache), statuses and accounts are shared cached rows (infra/shared-cache), the
  // viewer's flags and relations are kept per viewer (core/statuses/viewer-state), so a page is its
  // own reads (the ids; none for a home feed in Redis).
  for (const [name, path, most] of [
    ['home', '/api/v1/timelines/home', 2],
    ['public', '/api/v1/timelines/public', 2],
    ['tag', '/api/v1/timelines/tag/tag1', 3],
    ['notifications', '/api/v1/notifications', 4],
    ['favourites', '/api/v1/favourites', 2],
  ] as const) {
    it(`${name}: 5 items or 40, the same number of queries`, async () => {
      const small = await cost(`${path}${path.includes('?') ? '&' : '?'}limit=5`);
      const large = await cost(`${path}${path.includes('?') ? '&' : '?'}limit=40`);
      assert.ok(large.items > small.items, `${name}: the larger page has more items (${small.items} vs ${large.items})`);
      assert.equal(large.queries, small.queries, `${name}: ${small.queries} queries for ${small.items} items, ${large.queries} for ${large.items}`);
      assert.ok(large.queries <= most, `${name}: ${large.queries} queries, expected at most ${most}`);
    });
  }

  it('grouped notifications: 5 groups or 40, the same number of queries', async () => {
    const groups = (body: { notification_groups: unknown[] }) => body.notification_groups.length;
    const small = await cost('/api/v2/notifications?limit=5', groups);
    const large = await cost('/api/v2/notifications?limit=40', groups);
    assert.ok(large.items > small.items, `${small.items} vs ${large.items} groups`);
    assert.equal(large.queries, small.queries, `${small.queries} queries for ${small.items} groups, ${large.queries} for ${large.items}`);
    assert.ok(large.queries <= 5, `${large.queries} queries, expected at most 5`);
  });

  it('cold caches: a page whose statuses and accounts must be read costs the same for 5 or 40', async () => {
    const core = server.app.core;
    const coldCost = async (limit: number) => {
      const warm = await call(server.url, `/api/v1/timelines/home?limit=${limit}`, { token: reader.token });
      const statusIds = (warm.body as { id: string; reblog: { id: string } | null }[]).flatMap((s) => [s.id, ...(s.reblog ? [s.reblog.id] : [])]);
      await Promise.all([core.statusViews.forget(statusIds), core.accountViews.forget(authorIds)]);
      queries = 0;
      const r = await call(server.url, `/api/v1/timelines/home?limit=${limit}`, { token: reader.token });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, warm.body, 'the page read cold is the page read warm');
      return queries;
    };
    const small = await coldCost(5);
    const large = await coldCost(40);
    assert.equal(large, small);
    assert.ok(large >= 1, `the counter sees the queries (${large})`);
    // The warm page's reads, plus statuses and accounts (reblogged originals come with their reblogs).
    assert.ok(large <= 4, `${large} queries cold`);
  });

  it('an account’s statuses: the same number of queries for 5 or 40', async () => {
    const small = await cost(`/api/v1/accounts/${authorIds[0]}/statuses?limit=5`);
    const large = await cost(`/api/v1/accounts/${authorIds[0]}/statuses?limit=40`);
    assert.ok(large.items > small.items);
    assert.equal(large.queries, small.queries);
  });
});
