// Pages of statuses are written from entities rendered once and kept (api/mastodon/entities/
// status-json): each item must be exactly the entity that GET /api/v1/statuses/:id gives, with the
// viewer's flags, reblogs, mentions, hashtags, an edit, a pin, and the viewer's matched filters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

type Entity = Record<string, unknown> & { id: string };

describe('pages of statuses carry the same entities as single statuses', () => {
  let server: TestServer;
  const who: Record<string, { token: string; id: string }> = {};

  before(async () => {
    server = await startServer();
    for (const name of ['viewer', 'anna', 'ben']) {
      const { token } = await signUp(server.url, name);
      who[name] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    for (const name of ['anna', 'ben']) await call(server.url, `/api/v1/accounts/${who[name]!.id}/follow`, { method: 'POST', token: who.viewer!.token });
    const post = (name: string, json: Record<string, unknown>) => call(server.url, '/api/v1/statuses', { token: who[name]!.token, json });
    const a = await post('anna', { status: 'Hello @viewer and @ben, about #parley "quoted" <b>not bold</b> \u2014 ünïcode 🎉', spoiler_text: 'cw' });
    await post('ben', { status: `A reply to anna @anna`, in_reply_to_id: a.body.id });
    await call(server.url, `/api/v1/statuses/${a.body.id}/reblog`, { method: 'POST', token: who.ben!.token });
    await call(server.url, `/api/v1/statuses/${a.body.id}/favourite`, { method: 'POST', token: who.viewer!.token });
    await post('anna', { status: 'the election results are in' });
    const mine = await post('viewer', { status: 'my own, pinned' });
    await call(server.url, `/api/v1/statuses/${mine.body.id}/pin`, { method: 'POST', token: who.viewer!.token });
    const edited = await post('ben', { status: 'before the edit' });
    await call(server.url, `/api/v1/statuses/${edited.body.id}`, { method: 'PUT', token: who.ben!.token, json: { status: 'after the edit #edited' } });
    await call(server.url, '/api/v2/filters', {
      token: who.viewer!.token,
      json: { title: 'Elections', context: ['home', 'public'], filter_action: 'warn', keywords_attributes: [{ keyword: 'election' }] },
    });
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  async function compare(path: string, token?: string): Promise<Entity[]> {
    // Twice: the second page is written from the kept entities.
    for (let round = 0; round < 2; round++) {
      const page = await call(server.url, path, token ? { token } : {});
      assert.equal(page.status, 200);
      assert.match(String(page.headers.get('content-type')), /^application\/json/);
      const items = page.body as Entity[];
      assert.ok(items.length >= 4, `${path}: ${items.length} items`);
      for (const item of items) {
        const single = await call(server.url, `/api/v1/statuses/${item.id}`, token ? { token } : {});
        const { filtered, ...rest } = item;
        assert.deepEqual(rest, single.body, `${path}: status ${item.id}`);
        if (token) assert.ok(Array.isArray(filtered), 'signed-in pages list the matched filters');
        else assert.equal(filtered, undefined);
      }
      if (round === 1) return items;
    }
    return [];
  }

  it('the home timeline', async () => {
    const items = await compare('/api/v1/timelines/home', who.viewer!.token);
    assert.ok(
      items.some((s) => s.reblog !== null),
      'a reblog is among them',
    );
    assert.ok(
      items.some((s) => s.pinned === true),
      'a pinned status is among them',
    );
    assert.ok(
      items.some((s) => (s.filtered as unknown[]).length > 0),
      'a filtered status is among them',
    );
    assert.ok(
      items.some((s) => s.favourited === true || (s.reblog as Entity | null)?.favourited === true),
      'a favourite is among them',
    );
  });

  it('the public timeline, anonymous and signed in', async () => {
    await compare('/api/v1/timelines/public');
    await compare('/api/v1/timelines/public', who.viewer!.token);
  });

  it('answers a new post with the entity read back from the database', async () => {
    // The POST is answered from the row the server built before inserting (and the author's flags
    // it knew): once forgotten, the database's row must render the same, for a post and a reply.
    // The author's entity is left aside: fan-out counts the post on it a moment after the answer.
    const statusPart = ({ account, ...rest }: Entity) => ({ ...rest, account: (account as Entity).id });
    for (const json of [
      { status: 'fresh #news from @anna, in the database too', spoiler_text: 'cw', sensitive: true, language: 'en' },
      { status: 'and a reply', in_reply_to_id: undefined as string | undefined },
    ]) {
      const posted = await call(server.url, '/api/v1/statuses', { token: who.viewer!.token, json });
      assert.equal(posted.status, 200);
      await server.app.core.statusViews.forget([posted.body.id]);
      await server.app.core.viewerState.forget([who.viewer!.id]);
      const read = await call(server.url, `/api/v1/statuses/${posted.body.id}`, { token: who.viewer!.token });
      assert.deepEqual(statusPart(posted.body), statusPart(read.body));
      json.in_reply_to_id = posted.body.id;
    }
  });
});
