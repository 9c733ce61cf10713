// Reading by language (issue 23): a reader who chose languages (Mastodon's chosen_languages, Parley's
// reading languages) gets, on the public, local, hashtag and list timelines and in search, posts in
// those languages, a post counting as written in every language it has a version in. Home is not
// filtered (as in Mastodon); a reader who chose nothing sees everything; private posts stay private.
// Through masto.js; every answer is checked against the OpenAPI description (test/helpers/server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('timelines and search in the reader’s languages', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const clients: Record<string, mastodon.rest.Client> = {};
  const ids: Record<string, string> = {};
  let listId: string;

  const post = async (name: string, json: Record<string, unknown>) => {
    const made = await call(server.url, '/api/v1/statuses', { token: tokens.alice, json });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    ids[name] = made.body.id;
  };
  /** Which of the test's posts a page holds, by name. */
  const named = (page: { id: string }[]) =>
    Object.entries(ids)
      .filter(([, id]) => page.some((s) => s.id === id))
      .map(([name]) => name)
      .sort();

  before(async () => {
    server = await startServer();
    for (const name of ['alice', 'bob', 'carol', 'dave']) {
      tokens[name] = (await signUp(server.url, name)).token;
      clients[name] = createRestAPIClient({ url: server.url, accessToken: tokens[name] });
    }
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: tokens.alice, json: { indexable: true } });
    const aliceId = (await clients.alice!.v1.accounts.verifyCredentials()).id;
    // Bob and Carol read Thai; Bob follows Alice and lists her, Carol does not; Dave chose nothing.
    for (const name of ['bob', 'carol']) await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: tokens[name], json: { languages: ['th'] } });
    for (const name of ['bob', 'dave']) await clients[name]!.v1.accounts.$select(aliceId).follow();
    listId = (await clients.bob!.v1.lists.create({ title: 'Embassy' })).id;
    await clients.bob!.v1.lists.$select(listId).accounts.create({ accountIds: [aliceId] });

    await post('englishWithThai', { status: 'Consulate opening hours #embassy', language: 'en', translations: { th: { status: 'เวลาทำการของสถานกงสุล #embassy' } } });
    await post('englishOnly', { status: 'Consulate parking notice #embassy', language: 'en' });
    await post('thai', { status: 'ประกาศ consulate #embassy', language: 'th' });
    await post('privateWithThai', { status: 'Consulate staff only #embassy', language: 'en', visibility: 'private', translations: { th: { status: 'เฉพาะเจ้าหน้าที่ #embassy' } } });
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('keeps public, local and hashtag timelines to the reader’s languages, versions included', async () => {
    for (const name of ['bob', 'carol']) {
      const c = clients[name]!;
      assert.deepEqual(named(await c.v1.timelines.public.list({ limit: 40 })), ['englishWithThai', 'thai'], `${name}: public`);
      assert.deepEqual(named(await c.v1.timelines.public.list({ local: true, limit: 40 })), ['englishWithThai', 'thai'], `${name}: local`);
      assert.deepEqual(named(await c.v1.timelines.tag.$select('embassy').list({ limit: 40 })), ['englishWithThai', 'thai'], `${name}: hashtag`);
    }
    // The Thai reader gets the Thai version of the English post.
    const seen = (await clients.carol!.v1.timelines.public.list({ limit: 40 })).find((s) => s.id === ids.englishWithThai);
    assert.equal(seen?.language, 'th');
    // Nothing chosen (Dave, anonymous): every language.
    assert.deepEqual(named(await clients.dave!.v1.timelines.public.list({ limit: 40 })), ['englishOnly', 'englishWithThai', 'thai']);
    assert.deepEqual(named(await createRestAPIClient({ url: server.url }).v1.timelines.tag.$select('embassy').list({ limit: 40 })), ['englishOnly', 'englishWithThai', 'thai']);
  });

  it('keeps lists to the reader’s languages, and leaves home alone', async () => {
    assert.deepEqual(named(await clients.bob!.v1.timelines.list.$select(listId).list({ limit: 40 })), ['englishWithThai', 'privateWithThai', 'thai']);
    const home = await eventually(
      async () => {
        const page = named(await clients.bob!.v1.timelines.home.list({ limit: 40 }));
        return page.length === 4 && page;
      },
      10_000,
      "every post in Bob's home",
    );
    assert.deepEqual(home, ['englishOnly', 'englishWithThai', 'privateWithThai', 'thai']);
  });

  it('keeps search to the reader’s languages, and private posts to those who may read them', async () => {
    const search = async (name: string) => named((await clients[name]!.v2.search.list({ q: 'consulate', type: 'statuses', limit: 40 })).statuses);
    assert.deepEqual(await search('carol'), ['englishWithThai', 'thai']);
    assert.deepEqual(await search('dave'), ['englishOnly', 'englishWithThai', 'thai']);
  });

  it('follows a change of the reader’s languages and a version added or removed', async () => {
    const added = await call(server.url, `/api/parley/v1/statuses/${ids.englishOnly}/translations/th`, { method: 'PUT', token: tokens.alice, json: { status: 'ประกาศที่จอดรถ #embassy' } });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const removed = await call(server.url, `/api/parley/v1/statuses/${ids.englishWithThai}/translations/th`, { method: 'DELETE', token: tokens.alice });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.deepEqual(named(await clients.carol!.v1.timelines.public.list({ limit: 40 })), ['englishOnly', 'thai']);
    await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: tokens.carol, json: { languages: ['en', 'th'] } });
    assert.deepEqual(named(await clients.carol!.v1.timelines.public.list({ limit: 40 })), ['englishOnly', 'englishWithThai', 'thai']);
  });
});
