// Trends through masto.js and megalodon: statuses favourited and reblogged by several accounts
// trend, newer interactions above older ones; never a non-discoverable author's post, a private or
// sensitive one; tags used by distinct accounts above their baseline; links shared by distinct
// accounts. Scores come from the periodic job (run here directly, with timestamps moved in SQL).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { call } from '../helpers/http.ts';
import { signedUp, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createTrendReads } from '../../src/core/trends/read.ts';

describe('trends', () => {
  let server: TestServer;
  let fans: Person[];

  before(async () => {
    server = await startServer();
    fans = [];
    for (const n of [1, 2, 3]) fans.push(await signedUp(server.url, `tr_fan${n}`));
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const db = () => server.app.database.db;
  const ago = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
  const post = async (who: Person, status: string, options: { visibility?: 'public' | 'private'; sensitive?: boolean } = {}) =>
    (await who.masto.v1.statuses.create({ status, visibility: options.visibility ?? 'public', sensitive: options.sensitive ?? false, ...(options.sensitive ? { spoilerText: 'cw' } : {}) })).id;
  const favouriteByAll = async (id: string) => {
    for (const f of fans) await f.masto.v1.statuses.$select(id).favourite();
  };

  it('statuses with favourites and reblogs from several accounts trend, newer interactions first; never private, sensitive or non-discoverable ones', async () => {
    const author = await signedUp(server.url, 'tr_author', { discoverable: true });
    const shy = await signedUp(server.url, 'tr_shy', { discoverable: false });
    for (const f of fans) await call(server.url, `/api/v1/accounts/${author.id}/follow`, { method: 'POST', token: f.token });
    const fresh = await post(author, 'fresh news');
    const older = await post(author, 'older news');
    const once = await post(author, 'one fan only');
    const hidden = await post(shy, 'not discoverable');
    const secret = await post(author, 'followers only', { visibility: 'private' });
    const touchy = await post(author, 'sensitive', { sensitive: true });
    for (const id of [fresh, older, hidden, secret, touchy]) await favouriteByAll(id);
    await fans[0]!.masto.v1.statuses.$select(older).reblog();
    await fans[0]!.masto.v1.statuses.$select(once).favourite();
    await fans[0]!.masto.v1.statuses.$select(once).reblog();
    // The same counts, but older's happened twelve hours ago (two half-lives).
    await db().execute(sql`update favourites set created_at = ${ago(12)}::timestamptz where status_id = ${older}`);
    await db().execute(sql`update statuses set created_at = ${ago(12)}::timestamptz where reblog_of_id = ${older}`);
    await server.app.core.trends.scoring.run();

    const anonymous = createRestAPIClient({ url: server.url });
    const ids = (await anonymous.v1.trends.statuses.list()).map((s) => s.id);
    assert.deepEqual(ids, [fresh, older], 'decayed: the newer interactions rank first; one account is not enough');
    const seen = (await fans[1]!.masto.v1.trends.statuses.list({ limit: 1 })).map((s) => s.id);
    assert.deepEqual(seen, [fresh]);
    const second = await call(server.url, '/api/v1/trends/statuses?limit=1&offset=1');
    assert.deepEqual(
      second.body.map((s: { id: string }) => s.id),
      [older],
    );
    assert.match(second.headers.get('link') ?? '', /offset=2.*rel="next".*offset=0.*rel="prev"/);

    // A viewer who blocks the author does not see its trending posts; an author who opts out leaves at once.
    await call(server.url, `/api/v1/accounts/${author.id}/block`, { method: 'POST', token: fans[2]!.token });
    assert.deepEqual(await fans[2]!.masto.v1.trends.statuses.list(), []);
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: author.token, json: { discoverable: false } });
    assert.deepEqual(await anonymous.v1.trends.statuses.list(), []);
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: author.token, json: { discoverable: true } });
    await call(server.url, `/api/v1/accounts/${author.id}/unblock`, { method: 'POST', token: fans[2]!.token });

    for (const bad of ['limit=abc', 'offset=-1']) {
      const answer = await call(server.url, `/api/v1/trends/statuses?${bad}`);
      assert.equal(answer.status, 422, bad);
      assert.equal(typeof answer.body.error, 'string');
    }
  });

  it('tags used by distinct accounts above their baseline trend, with a week of history (masto.js, megalodon)', async () => {
    const [a, b, c] = fans as [Person, Person, Person];
    for (const p of [a, b, c]) await post(p, 'talking about #ParleyTrend');
    for (let i = 0; i < 3; i++) await post(a, `alone with #lonelytag ${i}`);
    // #steadytag: two accounts a day all week, and two today: not above its baseline.
    for (const p of [a, b]) {
      for (let day = 0; day <= 7; day++) {
        const id = await post(p, `daily #steadytag ${day}`);
        await db().execute(sql`update statuses set created_at = ${ago(day * 24 + 1)}::timestamptz where id = ${id}`);
      }
    }
    await server.app.core.trends.scoring.run();

    const tags = await createRestAPIClient({ url: server.url }).v1.trends.tags.list();
    const names = tags.map((t) => t.name);
    assert.ok(names.includes('ParleyTrend'), 'shown as first written');
    assert.ok(!names.includes('lonelytag'), 'one account is not a trend');
    assert.ok(!names.includes('steadytag'), 'as many as usual is not a trend');
    const tag = tags.find((t) => t.name === 'ParleyTrend')!;
    const history = tag.history ?? [];
    assert.equal(history.length, 7);
    assert.deepEqual({ uses: history[0]!.uses, accounts: history[0]!.accounts }, { uses: '3', accounts: '3' });
    assert.equal(tag.url, `${server.url}/tags/parleytrend`);

    // megalodon reads the older alias, /api/v1/trends.
    const viaMegalodon = (await generator('mastodon', server.url, a.token).getInstanceTrends(20)).data.map((t) => t.name);
    assert.ok(viaMegalodon.includes('ParleyTrend'));
  });

  it('links shared by distinct accounts trend, as cards of their address alone (masto.js)', async () => {
    const writer = await signedUp(server.url, 'tr_writer', { discoverable: true });
    const other = await signedUp(server.url, 'tr_other', { discoverable: true });
    const shy = await signedUp(server.url, 'tr_linkshy', { discoverable: false });
    const story = await post(writer, 'Read https://news.example/story');
    await post(other, 'Same: HTTPS://NEWS.example/story#top');
    await fans[0]!.masto.v1.statuses.$select(story).reblog();
    await post(writer, 'Only me: https://solo.example/');
    await post(writer, 'Only me again: https://solo.example/');
    await post(shy, 'https://hidden.example/');
    for (const f of fans.slice(0, 2)) await post(f, 'Followers only: https://hidden.example/', { visibility: 'private' });
    await server.app.core.trends.scoring.run();

    const links = await createRestAPIClient({ url: server.url }).v1.trends.links.list();
    assert.deepEqual(
      links.map((l) => l.url),
      ['https://news.example/story'],
      'one address however written; never one shared alone, privately or by authors who did not opt in',
    );
    const [link] = links;
    assert.equal(link!.title, 'https://news.example/story');
    assert.equal(link!.providerName, 'news.example');
    assert.deepEqual({ uses: link!.history[0]!.uses, accounts: link!.history[0]!.accounts }, { uses: '3', accounts: '3' });
  });

  it('nothing is shown when trends are off', async () => {
    const off = createTrendReads({ db: db(), views: server.app.core.statusViews, config: { trends: { enabled: false, review: 'auto' } } });
    assert.deepEqual(await off.tags({ offset: 0, limit: 10 }), []);
    assert.deepEqual(await off.statuses(null, { offset: 0, limit: 10 }), []);
    assert.deepEqual(await off.links({ offset: 0, limit: 10 }), []);
    const queued = await db().execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs where key = 'trends.refresh'`);
    assert.equal(queued.rows[0]!.n, 1, 'the scoring job is queued, once');
  });
});
