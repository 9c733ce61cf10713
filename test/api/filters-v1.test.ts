// Filters through Mastodon's v1 API (masto.js and megalodon): each v1 filter is one keyword of a v2
// filter, applied by the same rule; the answers conform to the OpenAPI description.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('filters (v1)', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  it('makes, reads, changes and removes v1 filters with masto.js; they are keywords of v2 filters and hide posts', async () => {
    const [reader, writer] = [await signUp(server.url, 'v1reader'), await signUp(server.url, 'v1writer')];
    const writerId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: writer.token })).body.id;
    await call(server.url, `/api/v1/accounts/${writerId}/follow`, { method: 'POST', token: reader.token });
    const masto = createRestAPIClient({ url: server.url, accessToken: reader.token });

    const made = await masto.v1.filters.create({ phrase: 'spoiler', context: ['home', 'thread'], irreversible: true, wholeWord: true, expiresIn: 3600 });
    assert.equal(made.phrase, 'spoiler');
    assert.equal(made.irreversible, true);
    assert.equal(made.wholeWord, true);
    assert.deepEqual([...made.context].sort(), ['home', 'thread']);
    assert.ok(made.expiresAt && Date.parse(made.expiresAt) > Date.now());

    const v2 = (await masto.v2.filters.list()).find((f) => f.keywords?.some((k) => k.id === made.id));
    assert.ok(v2, 'the v1 filter is a keyword of a v2 filter');
    assert.equal(v2.title, 'spoiler');
    assert.equal(v2.filterAction, 'hide');

    const hidden = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'Big spoiler ahead' } });
    const shown = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'spoilers are fine' } });
    await server.app.jobs.idle();
    const home = ((await call(server.url, '/api/v1/timelines/home', { token: reader.token })).body as { id: string }[]).map((s) => s.id);
    assert.ok(!home.includes(hidden.body.id), 'irreversible: hidden');
    assert.ok(home.includes(shown.body.id), 'whole word only');

    const changed = await masto.v1.filters.$select(made.id).update({ phrase: 'ahead', context: ['home'], irreversible: false });
    assert.equal(changed.id, made.id);
    assert.equal(changed.phrase, 'ahead');
    assert.equal(changed.irreversible, false);
    assert.deepEqual(await masto.v1.filters.$select(made.id).fetch(), changed);
    const warned = ((await call(server.url, '/api/v1/timelines/home', { token: reader.token })).body as { id: string; filtered?: { keyword_matches: string[] }[] }[]).find(
      (s) => s.id === hidden.body.id,
    );
    assert.deepEqual(warned?.filtered?.[0]?.keyword_matches, ['ahead'], 'warned now, with the new phrase');

    assert.deepEqual(
      (await masto.v1.filters.list()).map((f) => f.id),
      [made.id],
    );
    await masto.v1.filters.$select(made.id).remove();
    assert.deepEqual(await masto.v1.filters.list(), []);
    assert.equal((await call(server.url, `/api/v1/filters/${made.id}`, { token: reader.token })).status, 404);
  });

  it('lists every keyword of v2 filters, refuses filter-wide changes to shared filters, and bad input (megalodon)', async () => {
    const owner = await signUp(server.url, 'v1owner');
    const other = await signUp(server.url, 'v1other');
    const v2 = await call(server.url, '/api/v2/filters', {
      token: owner.token,
      json: { title: 'Sports', context: ['public'], filter_action: 'warn', keywords_attributes: [{ keyword: 'goal', whole_word: false }, { keyword: 'match' }] },
    });
    const client = generator('mastodon', server.url, owner.token);
    const listed = (await client.getFilters()).data;
    assert.deepEqual(
      listed.map((f) => [f.phrase, f.whole_word, f.irreversible]),
      [
        ['goal', false, false],
        ['match', true, false],
      ],
    );
    const goalId = v2.body.keywords[0].id as string;
    assert.equal((await client.getFilter(goalId)).data.phrase, 'goal');
    // The phrase alone may change; the filter's contexts may not while it holds another keyword.
    assert.equal((await client.updateFilter(goalId, 'goals', ['public'])).data.phrase, 'goals');
    const refused = await call(server.url, `/api/v1/filters/${goalId}`, { method: 'PUT', token: owner.token, json: { phrase: 'goals', context: ['home'] } });
    assert.equal(refused.status, 422);
    assert.equal((await call(server.url, `/api/v2/filters/${v2.body.id}`, { token: owner.token })).body.title, 'Sports', 'the shared filter keeps its title');

    const made = (await client.createFilter('weather', ['home'])).data;
    assert.equal(made.whole_word, true, 'whole words unless told otherwise, as Mastodon stores keywords');
    await client.deleteFilter(made.id);
    assert.equal((await call(server.url, '/api/v1/filters', { token: owner.token })).body.length, 2);

    const bad = await call(server.url, '/api/v1/filters', { token: owner.token, json: { phrase: ' ', context: ['nowhere'] } });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.details).sort(), ['context', 'title']);
    assert.equal((await call(server.url, `/api/v1/filters/${goalId}`, { token: other.token })).status, 404, 'another user’s filter does not exist for them');
    assert.equal((await call(server.url, `/api/v1/filters/${goalId}`, { method: 'DELETE', token: other.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/filters')).status, 401);
  });
});
