// /api/oembed and the embed page its iframe shows: this server's public and unlisted posts only, and
// the embed page the one HTML page other sites may frame (every other keeps refusing).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('oEmbed', () => {
  let server: TestServer;
  const posts: Record<string, { id: string; url: string }> = {};

  const oembed = (url: string, extra = '') => call(server.url, `/api/oembed?url=${encodeURIComponent(url)}${extra}`);

  before(async () => {
    server = await startServer({ PARLEY_INSTANCE_TITLE: 'Lighthouse' });
    const { token } = await signUp(server.url, 'keeper');
    const other = await signUp(server.url, 'visitor');
    for (const visibility of ['public', 'unlisted', 'private'] as const) {
      const r = await call(server.url, '/api/v1/statuses', { token, json: { status: `A ${visibility} note <from> the lamp`, visibility } });
      posts[visibility] = { id: r.body.id, url: r.body.url };
    }
    const reblog = await call(server.url, `/api/v1/statuses/${posts.public!.id}/reblog`, { method: 'POST', token: other.token });
    posts.reblog = { id: reblog.body.id, url: `${server.url}/@visitor/${reblog.body.id}` };
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it("describes a public post's embedding: an iframe of its embed page", async () => {
    const { url } = posts.public!;
    const r = await oembed(url);
    assert.equal(r.status, 200);
    const host = new URL(server.url).host;
    assert.deepEqual(
      { ...r.body, html: undefined },
      {
        type: 'rich',
        version: '1.0',
        title: 'New status by keeper',
        author_name: 'keeper',
        author_url: `${server.url}/@keeper`,
        provider_name: host,
        provider_url: `${server.url}/`,
        cache_age: 86400,
        html: undefined,
        width: 400,
        height: null,
      },
    );
    assert.equal(r.body.html, `<iframe src="${url}/embed" class="mastodon-embed" style="max-width: 100%; border: 0" width="400" allowfullscreen="allowfullscreen"></iframe>`);
    const sized = await oembed(`${server.url}/users/keeper/statuses/${posts.public!.id}`, '&maxwidth=300&maxheight=200');
    assert.deepEqual([sized.body.width, sized.body.height], [300, 200]);
    assert.match(sized.body.html, /width="300" height="200"/);
    assert.equal((await oembed(posts.unlisted!.url)).status, 200, 'unlisted posts too');
  });

  it('finds nothing for private posts, reblogs, other servers and what is no post address', async () => {
    for (const url of [posts.private!.url, posts.reblog!.url, `https://elsewhere.example/@keeper/${posts.public!.id}`, `${server.url}/@visitor/${posts.public!.id}`, 'not a url', '']) {
      const r = await oembed(url);
      assert.equal(r.status, 404, url);
      assert.equal(typeof r.body.error, 'string');
    }
    assert.equal((await call(server.url, '/api/oembed')).status, 404);
  });

  it('serves the embed page to any site that frames it, and only that page', async () => {
    const embed = await fetch(`${posts.public!.url}/embed`);
    assert.equal(embed.status, 200);
    const policy = embed.headers.get('content-security-policy') ?? '';
    assert.match(policy, /frame-ancestors \*/);
    assert.match(policy, /base-uri 'none'/);
    assert.match(policy, /default-src 'none'/);
    assert.equal(embed.headers.get('x-frame-options'), null);
    assert.equal(embed.headers.get('x-content-type-options'), 'nosniff');
    const html = await embed.text();
    assert.ok(html.includes('A public note &lt;from&gt; the lamp'));
    assert.ok(!html.includes('Open in the app'), 'the post alone');

    const page = await fetch(posts.public!.url);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.ok((await page.text()).includes(`type="application/json+oembed" href="${server.url}/api/oembed?url=${encodeURIComponent(posts.public!.url)}"`));
    for (const url of [`${posts.private!.url}/embed`, `${server.url}/@visitor/${posts.public!.id}/embed`]) {
      const hidden = await fetch(url);
      assert.equal(hidden.status, 404, url);
      assert.equal(hidden.headers.get('x-frame-options'), 'DENY', url);
    }
  });
});
