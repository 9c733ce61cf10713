// GET /api/v2/search through masto.js and megalodon: accounts, hashtags and posts. Posts are found
// by those who wrote or interacted with them, and when public by anyone once their author opted in
// (`indexable`); every result passes the visibility rules. Operators, phrases, exclusions,
// scripts written without spaces, pagination, and Mastodon's answers for anonymous callers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import generator from 'megalodon';
import { call, signUp } from '../helpers/http.ts';
import { png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const text = (s: { content: string }) => s.content.replace(/<[^>]+>/g, '');

describe('search (v2)', () => {
  let server: TestServer;
  const clients: Record<'ana' | 'ben' | 'cat' | 'dan', mastodon.rest.Client> = {} as never;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const posts: Record<string, mastodon.v1.Status> = {};

  /** Contents of the statuses `who` finds for `q` (type=statuses), in the order given. */
  const found = async (who: keyof typeof clients, q: string, extra: Partial<mastodon.rest.v2.SearchParams> = {}) =>
    (await clients[who].v2.search.list({ q, type: 'statuses', ...extra })).statuses.map(text);

  before(async () => {
    server = await startServer();
    for (const name of ['ana', 'ben', 'cat', 'dan'] as const) {
      tokens[name] = (await signUp(server.url, name)).token;
      clients[name] = createRestAPIClient({ url: server.url, accessToken: tokens[name]!, mediaTimeout: 60_000 });
      ids[name] = (await clients[name].v1.accounts.verifyCredentials()).id;
    }
    // Ana lets her public posts be found; Ben does not (the default, as in Mastodon).
    // masto.js 8 leaves `indexable` out of update_credentials' parameters (it moved to /api/v1/profile).
    const ana = await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: tokens.ana, json: { indexable: true } });
    assert.equal(ana.body.indexable, true);
    assert.equal((await call(server.url, `/api/v1/accounts/${ids.ana}`)).body.indexable, true, 'the Account entity says so');
    await clients.cat.v1.accounts.$select(ids.ana!).follow();
    const post = async (who: keyof typeof clients, key: string, params: mastodon.rest.v1.CreateStatusParams) => {
      posts[key] = await clients[who].v1.statuses.create(params);
    };
    await post('ana', 'garden', { status: 'Loving #Gardening and #garlic today, tomatoes too' });
    await post('ana', 'secret', { status: 'Secret tomatoes plan', visibility: 'private' });
    await post('ana', 'unlisted', { status: 'Quiet tomatoes, unlisted', visibility: 'unlisted' });
    await post('ben', 'percent', { status: '100% tomatoes_or_nothing' });
    await post('ben', 'soup', { status: 'Tomato soup for everyone' });
    await post('ben', 'dm', { status: '@cat tomatoes for your eyes only', visibility: 'direct' });
    await post('ben', 'poll', { status: 'Which tomatoes ripen first?', poll: { options: ['cherry', 'beefsteak'], expiresIn: 86_400 } });
    await post('ana', 'chinese', { status: '我喜欢吃苹果汁', language: 'zh' });
    await post('ana', 'thai', { status: 'สวัสดีครับ ยินดีต้อนรับสู่ตลาดนัด', language: 'th' });
    await post('ana', 'japanese', { status: '東京タワーに行きました', language: 'ja' });
    await post('ana', 'sensitive', { status: 'Gruesome tomatoes', sensitive: true, spoilerText: 'squashed produce' });
    await post('ana', 'reply', { status: 'Replying about tomatoes', inReplyToId: posts.soup!.id });
    await post('ana', 'link', { status: 'Tomatoes guide at https://example.com/tomatoes' });
    const media = await clients.ana.v2.media.create({ file: new Blob([new Uint8Array(await png(48, 32, false))], { type: 'image/png' }), description: 'a red fruit' });
    await post('ana', 'photo', { status: 'Photo of tomatoes', mediaIds: [media.id] });
    // Words are written by fan-out's batch, once the post is answered.
    await server.app.jobs.idle();
  });
  after(async () => {
    await server.stop();
  });

  it('finds public posts of authors who opted in, the searcher’s own, and never a private post of someone else', async () => {
    const cat = await found('cat', 'tomatoes');
    assert.ok(cat.includes('Loving #Gardening and #garlic today, tomatoes too'));
    for (const hidden of ['Secret tomatoes plan', 'Quiet tomatoes, unlisted', '100% tomatoes_or_nothing', 'Which tomatoes ripen first?']) {
      assert.ok(!cat.includes(hidden), `${hidden} is not found by cat`);
    }
    assert.deepEqual(await found('cat', 'secret'), [], 'cat follows ana and reads her private post at home, but search leaves it out');
    assert.deepEqual(await found('dan', 'secret'), []);
    assert.deepEqual(await found('ana', 'secret'), ['Secret tomatoes plan'], 'the author finds her own private post');
    assert.deepEqual(await found('ana', 'quiet'), ['Quiet tomatoes, unlisted']);
    assert.deepEqual(await found('ben', '100%'), ['100% tomatoes_or_nothing'], 'words are matched literally');
  });

  it('finds a non-indexable author’s post for those who interacted with it, and a direct message for its participants only', async () => {
    assert.deepEqual(await found('dan', 'tomatoes_or_nothing'), []);
    await clients.dan.v1.statuses.$select(posts.percent!.id).favourite();
    assert.deepEqual(await found('dan', 'tomatoes_or_nothing'), ['100% tomatoes_or_nothing'], 'favourited');
    await clients.cat.v1.statuses.$select(posts.percent!.id).bookmark();
    assert.deepEqual(await found('cat', 'nothing'), ['100% tomatoes_or_nothing'], 'bookmarked');
    assert.deepEqual(await found('ana', 'soup'), ['Tomato soup for everyone'], 'replied to');
    await clients.dan.v1.polls.$select(posts.poll!.poll!.id).votes.create({ choices: [0] });
    assert.deepEqual(await found('dan', 'ripen'), ['Which tomatoes ripen first?'], 'voted in');
    await clients.cat.v1.statuses.$select(posts.soup!.id).reblog();
    assert.deepEqual(await found('cat', 'soup'), ['Tomato soup for everyone'], 'reblogged');
    assert.deepEqual(await found('cat', 'eyes'), ['@cat tomatoes for your eyes only'], 'mentioned in a direct message');
    assert.deepEqual(await found('ben', 'eyes'), ['@cat tomatoes for your eyes only'], 'its author');
    assert.deepEqual(await found('dan', 'eyes'), [], 'nobody else');
    assert.deepEqual(await found('ana', 'eyes'), []);
  });

  it('narrows with from:, has:, is:, language:, dates, in: and account_id', async () => {
    const ofBen = ['100% tomatoes_or_nothing', '@cat tomatoes for your eyes only'];
    assert.deepEqual((await found('cat', 'tomatoes from:ben')).sort(), ofBen, 'only what cat may find of ben’s: bookmarked, mentioned in');
    assert.ok((await found('ana', 'tomatoes from:me')).every((t) => !t.startsWith('100%')));
    assert.ok(!(await found('cat', 'tomatoes -from:ana')).some((t) => t.startsWith('Loving')));
    assert.deepEqual(await found('cat', 'tomatoes has:media'), ['Photo of tomatoes']);
    assert.deepEqual(await found('cat', 'tomatoes has:image'), ['Photo of tomatoes']);
    assert.deepEqual(await found('cat', 'tomatoes has:video'), []);
    assert.ok(!(await found('cat', 'tomatoes -has:media')).includes('Photo of tomatoes'));
    assert.deepEqual(await found('dan', 'tomatoes has:poll'), ['Which tomatoes ripen first?']);
    assert.deepEqual(await found('cat', 'tomatoes has:link'), ['Tomatoes guide at example.com/tomatoes'], 'a link, not a hashtag or a mention');
    assert.deepEqual(await found('cat', 'tomatoes has:embed'), []);
    assert.deepEqual(await found('cat', 'tomatoes is:reply'), ['Replying about tomatoes']);
    assert.deepEqual(await found('cat', 'tomatoes is:sensitive'), ['Gruesome tomatoes']);
    assert.deepEqual(await found('cat', 'squashed'), ['Gruesome tomatoes'], 'the content warning is searched');
    assert.deepEqual(await found('cat', 'language:th'), ['สวัสดีครับ ยินดีต้อนรับสู่ตลาดนัด']);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.ok((await found('cat', `tomatoes during:${today}`)).length > 0);
    assert.ok((await found('cat', `tomatoes after:${yesterday}`)).length > 0);
    assert.deepEqual(await found('cat', `tomatoes before:${today}`), []);
    assert.deepEqual((await found('cat', 'tomatoes in:library')).sort(), ofBen, 'bookmarked, mentioned in; not what indexable authors wrote');
    assert.ok(!(await found('cat', 'tomatoes in:public')).includes('100% tomatoes_or_nothing'));
    assert.deepEqual((await found('cat', 'tomatoes', { accountId: ids.ben! })).sort(), ofBen);
    assert.deepEqual(await found('cat', 'tomatoes from:nobody'), []);
  });

  it('matches quoted phrases in order, and leaves out excluded words and phrases', async () => {
    assert.deepEqual(await found('cat', '"tomatoes today"'), []);
    assert.deepEqual(await found('cat', '"today tomatoes too"'), ['Loving #Gardening and #garlic today, tomatoes too'], 'punctuation is no gap');
    assert.ok(!(await found('cat', 'tomatoes -garlic')).some((t) => t.includes('garlic')));
    assert.ok(!(await found('cat', 'tomatoes -"of tomatoes"')).includes('Photo of tomatoes'));
    assert.ok((await found('cat', 'tomatoes -"tomatoes of"')).includes('Photo of tomatoes'));
  });

  it('finds an edited post by its new words, and a deleted one no more', async () => {
    await clients.ana.v1.statuses.$select(posts.unlisted!.id).update({ status: 'Quiet cucumbers, unlisted' });
    const gone = await clients.ana.v1.statuses.create({ status: 'Ephemeral marrow' });
    await server.app.jobs.idle();
    assert.deepEqual(await found('ana', 'cucumbers'), ['Quiet cucumbers, unlisted']);
    assert.deepEqual(await found('ana', 'quiet tomatoes'), []);
    assert.deepEqual(await found('ana', 'marrow'), ['Ephemeral marrow']);
    await clients.ana.v1.statuses.$select(gone.id).remove();
    assert.deepEqual(await found('ana', 'marrow'), []);
  });

  it('finds Chinese, Japanese and Thai text by any part of it', async () => {
    assert.deepEqual(await found('cat', '苹果'), ['我喜欢吃苹果汁']);
    assert.deepEqual(await found('cat', '吃苹果汁'), ['我喜欢吃苹果汁']);
    assert.deepEqual(await found('cat', '果'), ['我喜欢吃苹果汁'], 'one character');
    assert.deepEqual(await found('cat', '汁'), ['我喜欢吃苹果汁'], 'the last character');
    assert.deepEqual(await found('cat', '苹汁'), [], 'characters that are not next to one another');
    assert.deepEqual(await found('cat', 'タワー'), ['東京タワーに行きました']);
    assert.deepEqual(await found('cat', '東京'), ['東京タワーに行きました']);
    assert.deepEqual(await found('cat', 'ยินดี'), ['สวัสดีครับ ยินดีต้อนรับสู่ตลาดนัด']);
    assert.deepEqual(await found('cat', 'ตลาด'), ['สวัสดีครับ ยินดีต้อนรับสู่ตลาดนัด']);
    assert.deepEqual(await found('cat', 'ตลาดสด'), []);
  });

  it('pages with offset within a type, ranked results first', async () => {
    for (let i = 0; i < 5; i++) await clients.ana.v1.statuses.create({ status: `zebra number ${i}${i === 2 ? ' zebra zebra' : ''}` });
    await server.app.jobs.idle();
    const pages = [];
    for (const offset of [0, 2, 4, 6]) pages.push(await found('cat', 'zebra', { limit: 2, offset }));
    assert.deepEqual(
      pages.map((p) => p.length),
      [2, 2, 1, 0],
    );
    const all = pages.flat();
    assert.equal(new Set(all).size, 5, 'no post twice');
    assert.equal(all[0], 'zebra number 2 zebra zebra', 'the most relevant first');
    // Without a type, Mastodon ignores the offset.
    const untyped = await clients.cat.v2.search.list({ q: 'zebra', limit: 2, offset: 2 });
    assert.deepEqual(untyped.statuses.map(text), pages[0]);
  });

  it('answers megalodon', async () => {
    const client = generator('mastodon', server.url, tokens.cat);
    const res = await client.search('苹果', { type: 'statuses' });
    assert.deepEqual(
      res.data.statuses.map((s) => s.content.replace(/<[^>]+>/g, '')),
      ['我喜欢吃苹果汁'],
    );
    const paged = await client.search('tomatoes', { type: 'statuses', limit: 1, offset: 1 });
    assert.equal(paged.data.statuses.length, 1);
  });

  it('finds accounts (those followed first, or only) and hashtags by prefix', async () => {
    const people = await clients.ben.v2.search.list({ q: 'an' });
    assert.deepEqual(
      people.accounts.map((a) => a.acct),
      ['ana'],
    );
    const followed = await clients.cat.v2.search.list({ q: 'a', type: 'accounts', following: true });
    assert.deepEqual(
      followed.accounts.map((a) => a.acct),
      ['ana'],
    );
    const v1 = await clients.cat.v1.accounts.search.list({ q: 'd' });
    assert.deepEqual(
      v1.map((a) => a.acct),
      ['dan'],
    );
    const tags = await clients.ben.v2.search.list({ q: '#gar', type: 'hashtags' });
    assert.deepEqual(
      tags.hashtags.map((h) => h.name),
      ['Gardening', 'garlic'],
    );
    assert.equal(tags.hashtags[1]!.url, `${server.url}/tags/garlic`);
    assert.deepEqual(tags.accounts, []);
    const lone = await clients.cat.v2.search.list({ q: '#garlic' });
    assert.deepEqual(lone.statuses, [], 'a lone hashtag is not searched in posts (as Mastodon)');
  });

  it('searches no posts for anonymous callers, and refuses them offset and resolve', async () => {
    const anonymous = await call(server.url, '/api/v2/search?q=tomatoes');
    assert.equal(anonymous.status, 200);
    assert.deepEqual(anonymous.body.statuses, []);
    assert.deepEqual(
      anonymous.body.accounts.map((a: { acct: string }) => a.acct),
      [],
    );
    for (const query of ['q=tomatoes&type=statuses&offset=2', 'q=ana@example.com&resolve=true']) {
      const refused = await call(server.url, `/api/v2/search?${query}`);
      assert.equal(refused.status, 401);
      assert.ok(refused.body.error);
    }
  });

  it('refuses a missing query and an unknown type, Mastodon-style, and survives odd input', async () => {
    const missing = await call(server.url, '/api/v2/search', { token: tokens.ana });
    assert.equal(missing.status, 400);
    assert.ok(missing.body.error);
    const badType = await call(server.url, '/api/v2/search?q=a&type=lists', { token: tokens.ana });
    assert.ok(badType.status === 400 || badType.status === 422);
    assert.ok(badType.body.error);
    for (const q of ['"', '-', '!!!', 'from:', 'before:2024-99-99 x', "it's (a) 'test' & | ! <-> :*", 'in:library', `${'very '.repeat(200)}long`]) {
      const odd = await call(server.url, `/api/v2/search?type=statuses&q=${encodeURIComponent(q)}`, { token: tokens.ana });
      assert.equal(odd.status, 200, q);
    }
    const badIds = await call(server.url, '/api/v2/search?type=statuses&q=tomatoes&account_id=x&max_id=y', { token: tokens.ana });
    assert.deepEqual(badIds.body.statuses, []);
  });

  it('answers in the shape the Mastodon OpenAPI description gives', () => {
    assert.deepEqual(
      server.problems.filter((p) => p.includes('/api/v2/search')),
      [],
    );
  });
});
