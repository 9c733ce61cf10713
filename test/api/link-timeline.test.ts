// The link timeline through masto.js: public posts linking to an address, recorded normalised when
// posted here or received from another server, changed by edits; never posts that are not public,
// reblogs, or posts of authors who did not opt into discovery.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import { call } from '../helpers/http.ts';
import { signedUp, type Person } from '../helpers/people.ts';
import { remoteAccountInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { linksInHtml, linksInText, normaliseUrl } from '../../src/core/text/links.ts';

describe('link timeline', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const person = (name: string, discoverable: boolean): Promise<Person> => signedUp(server.url, name, { discoverable });
  const post = async (who: Person, status: string, visibility: 'public' | 'unlisted' | 'private' = 'public') => (await who.masto.v1.statuses.create({ status, visibility })).id;

  it('normalises addresses and finds links in text and in HTML from other servers', () => {
    assert.equal(normaliseUrl('HTTPS://News.Example:443/Story?a=1#part'), 'https://news.example/Story?a=1');
    assert.equal(normaliseUrl('http://news.example'), 'http://news.example/');
    assert.equal(normaliseUrl('ftp://news.example/file'), null);
    assert.equal(normaliseUrl('https://user:secret@news.example/'), null);
    assert.equal(normaliseUrl('not a url'), null);
    assert.deepEqual(linksInText('Read https://news.example/a and #tag @someone, then https://news.example/a#again\n\nhttp://b.example'), ['https://news.example/a', 'http://b.example/']);
    assert.deepEqual(
      linksInHtml(
        '<p><a href="https://far.example/@bob" class="u-url mention">@bob</a> <a href="https://far.example/tags/x" rel="tag" class="hashtag">#x</a> <a href="https://News.example/b">news</a></p>',
      ),
      ['https://news.example/b'],
    );
  });

  it('lists public posts linking to an address, newest first, paged (masto.js)', async () => {
    const writer = await person('link_writer', true);
    const shy = await person('link_shy', false);
    const story = 'https://news.example/story';
    const first = await post(writer, `Worth reading: ${story}`);
    const second = await post(writer, 'Same page, written otherwise: HTTPS://NEWS.example/story#comments');
    await post(writer, `Not public: ${story}`, 'unlisted');
    await post(writer, `Followers only: ${story}`, 'private');
    await post(shy, `Not discoverable: ${story}`);
    await post(writer, 'Another page: https://news.example/other');
    await shy.masto.v1.statuses.$select(first).reblog();

    const anonymous = createRestAPIClient({ url: server.url });
    const page = await anonymous.v1.timelines.link.list({ url: story });
    assert.deepEqual(
      page.map((s) => s.id),
      [second, first],
    );
    assert.deepEqual(
      (await writer.masto.v1.timelines.link.list({ url: 'https://news.example/story#anything' })).map((s) => s.id),
      [second, first],
      'the asked address is normalised too',
    );

    const one = await call(server.url, `/api/v1/timelines/link?url=${encodeURIComponent(story)}&limit=1`);
    assert.deepEqual(
      one.body.map((s: { id: string }) => s.id),
      [second],
    );
    const next = /<([^>]+)>; rel="next"/.exec(one.headers.get('link') ?? '')?.[1];
    assert.ok(next);
    assert.ok(new URL(next).searchParams.get('url'), 'the next page keeps the address');
    assert.deepEqual(
      (await call(server.url, new URL(next).pathname + new URL(next).search)).body.map((s: { id: string }) => s.id),
      [first],
    );

    // An edit changes the links a post carries.
    await writer.masto.v1.statuses.$select(first).update({ status: 'Changed my mind: https://news.example/other' });
    assert.deepEqual(
      (await anonymous.v1.timelines.link.list({ url: story })).map((s) => s.id),
      [second],
    );
    assert.deepEqual(await anonymous.v1.timelines.link.list({ url: 'https://unknown.example/' }), []);
    assert.equal((await call(server.url, '/api/v1/timelines/link')).status, 400, 'the address is required');
    assert.deepEqual((await call(server.url, '/api/v1/timelines/link?url=nonsense')).body, []);
  });

  it('records the links of posts received from other servers, and of their edits', async () => {
    const core = server.app.core;
    const far = await core.remoteAccounts.upsert(remoteAccountInput('link_far', 'far.example'));
    const received = (html: string) => ({
      uri: 'https://far.example/notes/1',
      url: null,
      contentHtml: html,
      spoilerText: '',
      sensitive: false,
      visibility: 'public' as const,
      language: 'en',
      inReplyToId: null,
      mentionedIds: [],
      tagNames: [],
      publishedAt: new Date(),
      attachments: [],
    });
    const id = await core.remoteStatuses.receive(far, received('<p>From afar: <a href="https://news.example/far">a story</a></p>'));
    const anonymous = createRestAPIClient({ url: server.url });
    assert.deepEqual(
      (await anonymous.v1.timelines.link.list({ url: 'https://news.example/far' })).map((s) => s.id),
      [id],
    );
    await core.remoteStatuses.revise(far, received('<p>Edited: <a href="https://news.example/elsewhere">another</a></p>'));
    assert.deepEqual(await anonymous.v1.timelines.link.list({ url: 'https://news.example/far' }), []);
    assert.deepEqual(
      (await anonymous.v1.timelines.link.list({ url: 'https://news.example/elsewhere' })).map((s) => s.id),
      [id],
    );
  });
});
