// A post in several languages (issue 23) on the public pages and the feed: each visitor reads the
// version their Accept-Language asks for, or the one `?lang=` names (its own address), with
// Content-Language and Vary: Accept-Language set, hreflang alternates and visible links to every
// version. Anybody sees the same page: a signed-in user's reading languages change nothing, and
// private posts never show, in any language.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const EN = 'Visa appointments open on Monday';
const TH = 'เปิดรับนัดหมายวีซ่าวันจันทร์';
const AR = 'تفتح مواعيد التأشيرات يوم الاثنين';

describe('versions of a post on the public pages', () => {
  let server: TestServer;
  let author: Awaited<ReturnType<typeof signUp>>;
  let postId: string;
  let privateId: string;
  let plainId: string;

  const page = (path: string, acceptLanguage?: string, token?: string) =>
    call(server.url, path, { token, headers: { accept: 'text/html', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) } });
  const postPath = (id: string) => `/@consul/${id}`;

  before(async () => {
    server = await startServer();
    author = await signUp(server.url, 'consul');
    const posted = await call(server.url, '/api/v1/statuses', {
      token: author.token,
      json: { status: EN, language: 'en', spoiler_text: 'Visas', translations: { th: { status: TH, spoiler_text: 'วีซ่า' }, ar: { status: AR } } },
    });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    postId = posted.body.id;
    const hidden = await call(server.url, '/api/v1/statuses', {
      token: author.token,
      json: { status: 'Staff only', language: 'en', visibility: 'private', translations: { th: { status: 'เฉพาะเจ้าหน้าที่' } } },
    });
    privateId = hidden.body.id;
    plainId = (await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'Closed on Friday', language: 'en' } })).body.id;
  });
  after(() => server.stop());

  it('shows the version Accept-Language asks for, and says which', async () => {
    for (const [accept, language, text, warning] of [
      ['th-TH,th;q=0.9,en;q=0.5', 'th', TH, 'วีซ่า'],
      ['de, ar;q=0.5', 'ar', AR, null],
      ['fr', 'en', EN, 'Visas'],
      [undefined, 'en', EN, 'Visas'],
    ] as const) {
      const r = await page(postPath(postId), accept);
      assert.equal(r.status, 200);
      const html = r.body as string;
      assert.equal(r.headers.get('content-language'), language, `Accept-Language ${accept}`);
      assert.equal(r.headers.get('vary'), 'Accept-Language');
      assert.match(html, new RegExp(`<html lang="${language}"`));
      assert.match(html, new RegExp(`<article class="card post" lang="${language}">`));
      assert.match(html, new RegExp(text));
      if (warning) assert.match(html, new RegExp(`<summary>${warning}</summary>`));
      else assert.doesNotMatch(html, /<summary>/, 'the Arabic version has no content warning');
      for (const other of [EN, TH, AR].filter((t) => t !== text)) assert.doesNotMatch(html, new RegExp(other));
    }
  });

  it('links every version: hreflang alternates and visible links, each at its own address', async () => {
    const url = `${server.url}/@consul/${postId}`;
    const html = (await page(postPath(postId), 'th')).body as string;
    for (const language of ['en', 'ar', 'th']) assert.match(html, new RegExp(`<link rel="alternate" hreflang="${language}" href="${url}\\?lang=${language}">`));
    assert.match(html, new RegExp(`<link rel="alternate" hreflang="x-default" href="${url}">`));
    assert.match(html, new RegExp(`<link rel="canonical" href="${url}">`));
    assert.match(html, new RegExp(`<a href="${url}\\?lang=en" hreflang="en" lang="en">English</a>`));
    assert.match(html, new RegExp(`<a href="${url}\\?lang=ar" hreflang="ar" lang="ar">العربية</a>`));
    assert.match(html, new RegExp(`<a href="${url}\\?lang=th" hreflang="th" lang="th" aria-current="true">ไทย</a>`));

    // ?lang= wins over Accept-Language, and that page is its own canonical address.
    const asked = await page(`${postPath(postId)}?lang=th`, 'ar');
    assert.equal(asked.headers.get('content-language'), 'th');
    assert.match(asked.body, new RegExp(TH));
    assert.doesNotMatch(asked.body, new RegExp(AR));
    assert.match(asked.body, new RegExp(`<link rel="canonical" href="${url}\\?lang=th">`));
    assert.match(asked.body, /<meta property="og:description" content="Content warning: วีซ่า">/);
    // A language the post is not written in falls back to the visitor's others, then the primary.
    assert.equal((await page(`${postPath(postId)}?lang=fr`, 'ar')).headers.get('content-language'), 'ar');
    assert.equal((await page(`${postPath(postId)}?lang=fr`)).headers.get('content-language'), 'en');
  });

  it('shows a post in one language as before, with no language links', async () => {
    const r = await page(postPath(plainId), 'th');
    assert.equal(r.headers.get('content-language'), 'en');
    assert.doesNotMatch(r.body, /hreflang/);
    assert.doesNotMatch(r.body, /class="versions/);
  });

  it('gives a signed-in reader what anybody gets: their reading languages do not count', async () => {
    const reader = await signUp(server.url, 'thai_reader');
    await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: reader.token, json: { languages: ['th'] } });
    const r = await page(postPath(postId), 'ar', reader.token);
    assert.equal(r.headers.get('content-language'), 'ar');
  });

  it('never shows a private post, in any language', async () => {
    for (const path of [postPath(privateId), `${postPath(privateId)}?lang=th`]) assert.equal((await page(path, 'th')).status, 404);
    for (const accept of ['th', 'en']) {
      const profile = (await page('/@consul', accept)).body as string;
      const feed = (await call(server.url, '/@consul.rss', { headers: { 'accept-language': accept } })).body as string;
      for (const body of [profile, feed]) {
        assert.doesNotMatch(body, /Staff only/);
        assert.doesNotMatch(body, /เฉพาะเจ้าหน้าที่/);
      }
    }
  });

  it('chooses the version in the profile and the feed too, with each version linked', async () => {
    const profile = await page('/@consul', 'ar');
    assert.equal(profile.headers.get('vary'), 'Accept-Language');
    assert.match(profile.body, new RegExp(AR));
    assert.match(profile.body, /Closed on Friday/);

    const feed = await call(server.url, '/@consul.rss', { headers: { 'accept-language': 'th' } });
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('vary'), 'Accept-Language');
    assert.deepEqual(feed.headers.get('content-language')?.split(', ').sort(), ['en', 'th']);
    const xml = feed.body as string;
    assert.match(xml, /<title>วีซ่า<\/title>/);
    assert.match(xml, new RegExp(`&lt;p&gt;${TH}&lt;/p&gt;`));
    assert.doesNotMatch(xml, new RegExp(EN));
    const url = `${server.url}/@consul/${postId}`;
    for (const language of ['en', 'ar', 'th']) assert.match(xml, new RegExp(`<atom:link rel="alternate" hreflang="${language}" href="${url}\\?lang=${language}"/>`));
    // ?lang= chooses in the feed as on a page.
    assert.match((await call(server.url, '/@consul.rss?lang=ar')).body, new RegExp(AR));
  });
});
