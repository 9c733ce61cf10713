// Annual reports ("Wrapstodon") through masto.js and raw HTTP: the state moves from ineligible to
// eligible with a first post, generating is a job polled through its async refresh, and the
// report counts the year (posts, replies, reblogs, favourites received, hashtags, apps, followers,
// months), names only the account's own public posts, and never another account's private post.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConformance } from '../helpers/conformance.ts';
import { call } from '../helpers/http.ts';
import { people, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

const YEAR = new Date().getUTCFullYear();

describe('annual reports', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const refreshOf = (header: string | null) => header?.match(/^id="([^"]+)", retry=(\d+)$/);

  /** Asks for the report and waits for its job through the async refresh the answer names. */
  async function generate(who: Person): Promise<void> {
    const asked = await call(server.url, `/api/v1/annual_reports/${YEAR}/generate`, { method: 'POST', token: who.token, headers: { origin: 'https://app.example' } });
    assert.equal(asked.status, 202);
    assert.match(asked.headers.get('access-control-expose-headers') ?? '', /Mastodon-Async-Refresh/, 'a browser client may read it');
    const refresh = refreshOf(asked.headers.get('mastodon-async-refresh'));
    assert.ok(refresh, `a refresh is named: ${asked.headers.get('mastodon-async-refresh')}`);
    assert.equal(refresh[2], '2');
    const done = await eventually(
      async () => {
        const r = await call(server.url, `/api/v1_alpha/async_refreshes/${refresh[1]}`, { token: who.token });
        assert.deepEqual(loadConformance().check('GET', `/api/v1_alpha/async_refreshes/${refresh[1]}`, r.status, r.body), []);
        return r.body.async_refresh.status === 'finished' && r.body;
      },
      20_000,
      'the report',
    );
    assert.equal(done.async_refresh.id, refresh[1]);
  }

  it('counts the year of its own posts and never shows another account’s private post', async () => {
    const [alice, bob, carol] = (await people(server.url, 'ar', ['alice', 'bob', 'carol'])) as [Person, Person, Person];
    const state = () => alice.masto.v1.annualReports.$select(String(YEAR)).state.fetch();
    assert.deepEqual(await state(), { state: 'ineligible' }, 'no status this year yet');
    assert.equal((await call(server.url, `/api/v1/annual_reports/${YEAR}/generate`, { method: 'POST', token: alice.token })).status, 422);

    await alice.masto.v1.accounts.$select(bob.id).follow();
    await carol.masto.v1.accounts.$select(alice.id).follow();
    const bobPublic = await bob.masto.v1.statuses.create({ status: 'public thoughts' });
    const bobSecret = await bob.masto.v1.statuses.create({ status: 'followers only secret', visibility: 'private' });
    const first = await alice.masto.v1.statuses.create({ status: 'hello #Parley' });
    const second = await alice.masto.v1.statuses.create({ status: 'again #parley' });
    const third = await alice.masto.v1.statuses.create({ status: 'a question', poll: { options: ['yes', 'no'], expiresIn: 3600 } });
    await alice.masto.v1.statuses.create({ status: 'my own secret', visibility: 'private' });
    await alice.masto.v1.statuses.create({ status: '@bob_ar sure', inReplyToId: bobPublic.id });
    await alice.masto.v1.statuses.create({ status: '@bob_ar psst', inReplyToId: bobSecret.id, visibility: 'private' });
    await alice.masto.v1.statuses.$select(bobPublic.id).reblog();
    await alice.masto.v1.statuses.$select(bobSecret.id).favourite();
    for (const fan of [bob, carol]) await fan.masto.v1.statuses.$select(first.id).favourite();
    await carol.masto.v1.statuses.$select(second.id).reblog();
    await bob.masto.v1.statuses.create({ status: '@alice_ar yes', inReplyToId: third.id });
    assert.deepEqual(await state(), { state: 'eligible' });
    // Replies are counted on their parents by fan-out's batch.
    await server.app.jobs.idle();

    await generate(alice);
    assert.deepEqual(await state(), { state: 'available' });
    const again = await call(server.url, `/api/v1/annual_reports/${YEAR}/generate`, { method: 'POST', token: alice.token });
    assert.equal(again.status, 200, 'made already');
    assert.equal(again.headers.get('mastodon-async-refresh'), null);

    const raw = await call(server.url, `/api/v1/annual_reports/${YEAR}`, { token: alice.token });
    assert.equal(raw.status, 200);
    const [report] = raw.body.annual_reports;
    assert.deepEqual(loadConformance().entity('AnnualReport', report), []);
    assert.equal(report.year, YEAR);
    assert.equal(report.account_id, alice.id);
    const d = report.data;
    assert.equal(d.archetype, 'lurker', 'seven statuses in a year');
    assert.deepEqual(d.type_distribution, { total: 7, reblogs: 1, replies: 2, standalone: 4, polls: 1 });
    assert.deepEqual(d.received, { favourites: 2, reblogs: 1, replies: 1 });
    assert.deepEqual(d.top_statuses, { by_reblogs: second.id, by_favourites: first.id, by_replies: third.id });
    assert.deepEqual(d.top_hashtags, [{ name: 'Parley', count: 2 }]);
    assert.deepEqual(d.most_used_apps, [{ name: 'test', count: 6 }]);
    assert.deepEqual(d.commonly_interacted_with_accounts, [{ account_id: bob.id, count: 2 }]);
    assert.deepEqual(d.most_reblogged_accounts, [{ account_id: bob.id, count: 1 }]);
    assert.equal(d.new_followers, 1);
    const month = d.time_series.find((m: { month: number }) => m.month === new Date().getUTCMonth() + 1);
    assert.deepEqual(month, { month: new Date().getUTCMonth() + 1, statuses: 7, following: 1, followers: 1 });
    assert.equal(d.time_series.length, 12);
    assert.equal(typeof d.percentiles, 'number');
    assert.deepEqual(raw.body.statuses.map((s: { id: string }) => s.id).sort(), [first.id, second.id, third.id].sort());
    assert.deepEqual(
      raw.body.accounts.map((a: { id: string }) => a.id),
      [bob.id],
    );
    const text = JSON.stringify(raw.body);
    assert.ok(!text.includes(bobSecret.id) && !text.includes('followers only secret') && !text.includes('my own secret'), 'no private post, its id or its text');

    // masto.js reads the same report; read reports leave the list.
    const wrapped = await alice.masto.v1.annualReports.list();
    assert.deepEqual(
      wrapped.annualReports.map((r) => r.year),
      [YEAR],
    );
    assert.equal(wrapped.annualReports[0]!.data.archetype, 'lurker');
    await alice.masto.v1.annualReports.$select(String(YEAR)).read();
    assert.deepEqual((await alice.masto.v1.annualReports.list()).annualReports, []);
    assert.equal((await alice.masto.v1.annualReports.$select(String(YEAR)).fetch()).annualReports.length, 1, 'still readable by its year');
  });

  it('is its owner’s alone; years not open and reports not made are refused', async () => {
    const [dan, eve] = (await people(server.url, 'ar2', ['dan', 'eve'])) as [Person, Person];
    await dan.masto.v1.statuses.create({ status: 'one post' });
    await generate(dan);
    assert.deepEqual((await eve.masto.v1.annualReports.list()).annualReports, []);
    assert.equal((await call(server.url, `/api/v1/annual_reports/${YEAR}`, { token: eve.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/annual_reports/${YEAR}/read`, { method: 'POST', token: eve.token })).status, 404);
    assert.deepEqual(await eve.masto.v1.annualReports.$select(String(YEAR)).state.fetch(), { state: 'ineligible' });
    assert.deepEqual(await dan.masto.v1.annualReports.$select(String(YEAR - 5)).state.fetch(), { state: 'ineligible' });
    assert.equal((await call(server.url, `/api/v1/annual_reports/${YEAR - 5}/generate`, { method: 'POST', token: dan.token })).status, 422);
    assert.equal((await call(server.url, '/api/v1/annual_reports')).status, 401);
    assert.equal((await call(server.url, '/api/v1_alpha/async_refreshes/nothing-here', { token: dan.token })).status, 404);
    const dans = (await call(server.url, `/api/v1/annual_reports/${YEAR}`, { token: dan.token })).body;
    assert.equal(dans.annual_reports[0].data.archetype, 'lurker');
    assert.deepEqual(dans.annual_reports[0].data.top_statuses, { by_reblogs: null, by_favourites: null, by_replies: null });
  });

  it('says `generating`, naming the refresh, while the report is being made', async () => {
    const [fay] = (await people(server.url, 'ar3', ['fay'])) as [Person];
    await fay.masto.v1.statuses.create({ status: 'a post' });
    // The job taken by a worker and not yet done: its refresh is running (as generate leaves it).
    const db = server.app.database.db;
    const { refresh } = await server.app.core.refreshes.start(db, `wrapstodon:${fay.id}:${YEAR}`, { cooldownMs: 0, countResults: false });
    const state = await call(server.url, `/api/v1/annual_reports/${YEAR}/state`, { token: fay.token });
    assert.deepEqual(state.body, { state: 'generating' });
    assert.equal(state.headers.get('mastodon-async-refresh'), `id="${refresh.id}", retry=2`);
    const asked = await call(server.url, `/api/v1/annual_reports/${YEAR}/generate`, { method: 'POST', token: fay.token });
    assert.equal(asked.status, 202);
    assert.equal(asked.headers.get('mastodon-async-refresh'), `id="${refresh.id}", retry=2`, 'the same refresh, no second job');
    assert.deepEqual((await call(server.url, `/api/v1_alpha/async_refreshes/${refresh.id}`, { token: fay.token })).body, { async_refresh: { id: refresh.id, status: 'running', result_count: null } });
  });
});
