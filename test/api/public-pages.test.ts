// The server-rendered public pages (/@user, /@user/:id, /@user.rss): what visitors without
// JavaScript, link previews and feed readers get. Only public and unlisted posts, whoever asks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('public pages', () => {
  let server: TestServer;
  let author: Awaited<ReturnType<typeof signUp>>;
  let follower: Awaited<ReturnType<typeof signUp>>;
  const ids: Record<string, string> = {};

  before(async () => {
    server = await startServer();
    author = await signUp(server.url, 'writer');
    follower = await signUp(server.url, 'reader');
    const writer = await call(server.url, '/api/v1/accounts/lookup?acct=writer');
    await call(server.url, `/api/v1/accounts/${writer.body.id}/follow`, { token: follower.token, method: 'POST' });
    const profile = await call(server.url, '/api/v1/accounts/update_credentials', {
      token: author.token,
      method: 'PATCH',
      json: { display_name: 'W <script>x()</script>', note: 'I write & publish.', fields_attributes: [{ name: 'Site', value: 'https://example.com' }] },
    });
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    for (const visibility of ['public', 'unlisted', 'private', 'direct'] as const) {
      const posted = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: `A ${visibility} post about tea @reader`, visibility } });
      assert.equal(posted.status, 200);
      ids[visibility] = posted.body.id;
    }
    const warned = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'What happens in chapter 3', spoiler_text: 'Spoilers', visibility: 'public' } });
    ids.warned = warned.body.id;
  });
  after(() => server.stop());

  it('shows the profile with recent public and unlisted posts, never private or direct ones', async () => {
    // A follower's token and a cookie change nothing: the page is what anybody sees.
    const page = await call(server.url, '/@writer', { token: follower.token, headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = page.body as string;
    assert.match(html, /A public post about tea/);
    assert.match(html, /A unlisted post about tea/);
    assert.doesNotMatch(html, /private post/);
    assert.doesNotMatch(html, /direct post/);
    assert.match(html, /I write &amp; publish\./);
    assert.match(html, /<dt>Site<\/dt>/);
    // The display name is text, not markup.
    assert.doesNotMatch(html, /<script>x/);
    assert.match(html, /W &lt;script&gt;x\(\)&lt;\/script&gt;/);
    // Link previews and feed readers.
    assert.match(html, /<meta property="og:type" content="profile">/);
    assert.match(html, new RegExp(`<meta property="og:url" content="${server.url}/@writer">`));
    assert.match(html, /<meta name="twitter:card" content="summary">/);
    assert.match(html, new RegExp(`<link rel="alternate" type="application/rss\\+xml" title="Posts from @writer" href="${server.url}/@writer.rss">`));
    assert.match(html, /href="\/web\/@writer"/);
  });

  it('shows a public or unlisted post on its own page, and answers 404 for the others', async () => {
    for (const visible of ['public', 'unlisted']) {
      const page = await call(server.url, `/@writer/${ids[visible]}`);
      assert.equal(page.status, 200, visible);
      assert.match(page.body, new RegExp(`A ${visible} post about tea`));
      assert.match(page.body, /<meta property="og:type" content="article">/);
      assert.match(page.body, new RegExp(`<meta property="og:description" content="A ${visible} post about tea @reader">`));
    }
    for (const hidden of ['private', 'direct']) {
      const page = await call(server.url, `/@writer/${ids[hidden]}`, { token: follower.token });
      assert.equal(page.status, 404, hidden);
      assert.doesNotMatch(page.body, /post about tea/);
    }
    // The post under another account's name does not exist.
    assert.equal((await call(server.url, `/@reader/${ids.public}`)).status, 404);
  });

  it('keeps a content warning in front of the text, and out of the preview', async () => {
    const page = await call(server.url, `/@writer/${ids.warned}`);
    assert.match(page.body, /<details><summary>Spoilers<\/summary>/);
    assert.match(page.body, /<meta property="og:description" content="Content warning: Spoilers">/);
  });

  it('offers an RSS feed of the public posts', async () => {
    const feed = await call(server.url, '/@writer.rss');
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /application\/rss\+xml/);
    const xml = feed.body as string;
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    assert.match(xml, new RegExp(`<link>${server.url}/@writer/${ids.public}</link>`));
    assert.match(xml, /A public post about tea/);
    assert.doesNotMatch(xml, /private post|direct post/);
  });

  it('answers 404 for unknown accounts, and sends ActivityPub clients to the actor', async () => {
    assert.equal((await call(server.url, '/@nobody')).status, 404);
    assert.equal((await call(server.url, '/@nobody.rss')).status, 404);
    const actor = await call(server.url, '/@writer', { headers: { accept: 'application/activity+json' } });
    assert.equal(actor.status, 302);
    assert.equal(actor.headers.get('location'), '/users/writer');
    const note = await call(server.url, `/@writer/${ids.public}`, { headers: { accept: 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' } });
    assert.equal(note.headers.get('location'), `/users/writer/statuses/${ids.public}`);
  });
});
