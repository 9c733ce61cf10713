// An event's archive: its public page (/events/:id, OpenGraph, only answered questions in the order
// answered), its RSS feed, and the export for its staff (Markdown and JSON, staff only).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import xmlParser from 'fast-xml-parser';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

describe('events: the archive', () => {
  let server: TestServer;
  let host: Person, mod: Person, ana: Person, ben: Person, cid: Person;
  let event: { id: string; url: string; title: string };
  const q: Record<string, { id: string; status_id: string }> = {};
  const hour = 3600_000;
  const api = (path: string, token: string, json: Record<string, unknown> = {}) => call(server.url, `/api/parley/v1${path}`, { method: 'POST', token, json });
  const ask = async (who: Person, text: string) => {
    const r = await api(`/events/${event.id}/questions`, who.token, { text, language: 'en' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const act = async (path: string, token: string, json: Record<string, unknown> = {}) => {
    const r = await api(`/events/${event.id}/questions/${path}`, token, json);
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  before(async () => {
    server = await startServer();
    [host, mod, ana, ben, cid] = [
      await signUp(server.url, 'envoy'),
      await signUp(server.url, 'keeper'),
      await signUp(server.url, 'ana'),
      await signUp(server.url, 'ben'),
      await signUp(server.url, 'cid'),
    ];
    const made = await api('/events', host.token, {
      kind: 'qa',
      title: 'Ask the <Envoy> & friends',
      description: 'Visas, trade and culture.\n\nBring your questions.',
      language: 'en',
      translations: [{ language: 'fr', title: 'Questions à l’envoyé', description: 'Visas, commerce et culture.' }],
      starts_at: new Date(Date.now() - 60_000).toISOString(),
      ends_at: new Date(Date.now() + hour).toISOString(),
      hashtag: 'AskTheEnvoy',
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    event = made.body;
    assert.equal((await api(`/events/${event.id}/participants`, host.token, { acct: 'keeper', role: 'moderator' })).status, 200);

    q.first = await ask(ana, 'When do the visa rules change?');
    q.second = await ask(ben, 'Will the embassy open on Saturdays?');
    q.live = await ask(cid, 'Is the trade deal signed?');
    q.pending = await ask(cid, 'A pending question nobody approved');
    q.hidden = await ask(ben, 'A hidden question about nothing');
    q.answeredThenHidden = await ask(ana, 'An answered question later hidden');
    q.withdrawn = await ask(ben, 'An answered question its author withdrew');
    q.waiting = await ask(ana, 'An approved question still waiting');
    for (const k of ['first', 'second', 'live', 'answeredThenHidden', 'withdrawn', 'waiting']) await act(`${q[k]!.id}/approve`, mod.token);
    await act(`${q.hidden!.id}/hide`, mod.token);
    // Answered in this order: second, first (prepared, then released), then one answered live.
    await act(`${q.second!.id}/answer`, host.token, { status: 'Yes, from May on Saturdays too. Hours: https://example.com/opening/hours-and-days-of-the-embassy?a=1&b=2' });
    await act(`${q.first!.id}/answer`, host.token, { status: 'From March: see our site.', release: false });
    await act(`${q.waiting!.id}/answer`, host.token, { status: 'A prepared answer never released', release: false });
    await act(`${q.first!.id}/answer/release`, host.token);
    await act(`${q.live!.id}/answered`, mod.token);
    await act(`${q.answeredThenHidden!.id}/answer`, host.token, { status: 'An answer to a question later hidden' });
    await act(`${q.answeredThenHidden!.id}/hide`, mod.token);
    await act(`${q.withdrawn!.id}/answer`, host.token, { status: 'An answer to a withdrawn question' });
    const gone = await call(server.url, `/api/parley/v1/events/${event.id}/questions/${q.withdrawn!.id}`, { method: 'DELETE', token: ben.token });
    assert.equal(gone.status, 200);
    await server.app.jobs.idle();
  });
  after(() => server.stop());

  it('shows the event and only its answered questions, in the order answered, with OpenGraph tags', async () => {
    const page = await call(server.url, `/events/${event.id}`, { token: host.token });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src/);
    assert.equal(page.headers.get('cache-control'), 'public, max-age=60');
    assert.match(page.headers.get('vary') ?? '', /Accept-Language/);
    const html = page.body as string;
    // The title is text, never markup, in the page and its meta tags.
    assert.doesNotMatch(html, /<Envoy>/);
    assert.match(html, /<h1 id="event-title">Ask the &lt;Envoy&gt; &amp; friends<\/h1>/);
    assert.match(html, /<meta property="og:title" content="Ask the &lt;Envoy&gt; &amp; friends">/);
    assert.match(html, /<meta property="og:description" content="Visas, trade and culture. Bring your questions.">/);
    assert.match(html, new RegExp(`<meta property="og:url" content="${server.url}/events/${event.id}">`));
    assert.match(html, /<meta property="og:type" content="article">/);
    assert.match(html, new RegExp(`<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="${server.url}/events/${event.id}/feed.rss">`));
    assert.match(html, new RegExp(`<link rel="alternate" hreflang="fr" href="${server.url}/events/${event.id}\\?lang=fr">`));
    assert.match(html, /@envoy@/);
    assert.match(html, /#asktheenvoy/);
    // Live: the page says so and sends visitors to the live view.
    assert.match(html, /This event is live now/);
    assert.match(html, new RegExp(`href="/web/events/${event.id}"`));

    const order = ['Will the embassy open on Saturdays', 'When do the visa rules change', 'Is the trade deal signed'].map((t) => html.indexOf(t));
    assert.ok(
      order.every((i) => i > 0),
      `every answered question appears: ${order}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'in the order answered',
    );
    assert.ok(html.indexOf('Yes, from May on Saturdays too.') > order[0]! && html.indexOf('From March: see our site.') > order[1]!, 'each answer under its question');
    assert.match(html, /Answered live\./);
    for (const never of ['pending question nobody approved', 'hidden question about nothing', 'later hidden', 'withdrew', 'answer to a withdrawn', 'still waiting', 'never released']) {
      assert.ok(!html.includes(never), `never shown: ${never}`);
    }
  });

  it('serves the event in the language asked for, and the not-found page for no event', async () => {
    const fr = await call(server.url, `/events/${event.id}?lang=fr`);
    assert.match(fr.body, /<html lang="fr"/);
    assert.match(fr.body, /<meta property="og:title" content="Questions à l’envoyé">/);
    assert.match(fr.body, new RegExp(`<link rel="canonical" href="${server.url}/events/${event.id}\\?lang=fr">`));
    const byHeader = await call(server.url, `/events/${event.id}`, { headers: { 'accept-language': 'fr-CA, en;q=0.5' } });
    assert.match(byHeader.body, /Visas, commerce et culture\./);
    assert.match(byHeader.headers.get('content-language') ?? '', /fr/);

    for (const path of ['/events/99999', `/events/99999/feed.rss`]) {
      const missing = await call(server.url, path);
      assert.equal(missing.status, 404, path);
      assert.match(missing.body, /<h1>Not found<\/h1>/);
    }
  });

  it('has an RSS feed of the answered questions that parses', async () => {
    const feed = await call(server.url, `/events/${event.id}/feed.rss`);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /application\/rss\+xml/);
    const xml = feed.body as string;
    assert.equal(xmlParser.validate(xml), true);
    // This parser leaves entities as written: XML's five are decoded here.
    const decode = (v: string) =>
      v
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;|&#39;/g, "'")
        .replace(/&amp;/g, '&');
    const rss = xmlParser.parse(xml, { ignoreAttributes: false, tagValueProcessor: decode });
    const channel = rss.rss.channel;
    assert.equal(channel.title, 'Ask the <Envoy> & friends');
    assert.equal(channel.link, `${server.url}/events/${event.id}`);
    const items = [channel.item].flat();
    assert.deepEqual(
      items.map((i: { title: string }) => i.title),
      ['Will the embassy open on Saturdays?', 'When do the visa rules change?', 'Is the trade deal signed?'],
    );
    assert.equal(items[0].link, `${server.url}/events/${event.id}#q-${q.second!.id}`);
    assert.match(items[0].description, /Will the embassy open on Saturdays\?.*Yes, from May on Saturdays too\./s);
    assert.ok(!Number.isNaN(Date.parse(items[0].pubDate)));
    assert.ok(!xml.includes('withdrew') && !xml.includes('nobody approved') && !xml.includes('never released'));
  });

  it('exports every question for the staff, as Markdown and JSON, and refuses the others', async () => {
    const path = `/api/parley/v1/events/${event.id}/export`;
    const md = await call(server.url, `${path}?format=markdown`, { token: mod.token });
    assert.equal(md.status, 200, JSON.stringify(md.body));
    assert.match(md.headers.get('content-type') ?? '', /^text\/markdown; charset=utf-8/);
    assert.equal(md.headers.get('content-disposition'), `attachment; filename="event-${event.id}-ask-the-envoy-friends.md"`);
    const text = md.body as string;
    assert.match(text, /^# Ask the <Envoy> & friends\n/);
    assert.match(text, /## Answered questions \(3\)/);
    assert.match(text, /### 1\. Will the embassy open on Saturdays\?[\s\S]*\*\*Answer\*\*[\s\S]*Yes, from May on Saturdays too\./);
    assert.match(text, /### 2\. When do the visa rules change\?/);
    assert.ok(text.includes('<https://example.com/opening/hours-and-days-of-the-embassy?a=1&b=2>'), 'a link keeps its whole address');
    assert.match(text, /@ana From March/, 'a mention stays a name');
    assert.match(text, /## Unanswered questions \(4\)/);
    assert.ok(text.indexOf('## Unanswered') < text.indexOf('A pending question nobody approved'));
    assert.match(text, /A pending question nobody approved[\s\S]*?\*Not answered: waiting for a moderator\*/);
    assert.match(text, /A hidden question about nothing[\s\S]*?\*Hidden by a moderator\*/);
    assert.match(text, /An answered question later hidden[\s\S]*?\*Hidden by a moderator\*[\s\S]*?An answer to a question later hidden/);
    assert.match(text, /Is the trade deal signed\?[\s\S]*?\*Answered live/);
    assert.match(text, /An approved question still waiting[\s\S]*?Prepared answer, not released:\n\n> A prepared answer never released/);
    assert.ok(!text.includes('withdrew'), 'a withdrawn question is not in the export');

    const json = await call(server.url, `${path}?format=json`, { token: host.token });
    assert.equal(json.status, 200);
    assert.equal(json.headers.get('content-disposition'), `attachment; filename="event-${event.id}-ask-the-envoy-friends.json"`);
    assert.equal(json.body.event.id, event.id);
    const states = json.body.questions.map((x: { state: string }) => x.state);
    assert.deepEqual(states.slice(0, 3), ['answered', 'answered', 'answered']);
    assert.deepEqual([...states.slice(3)].sort(), ['approved', 'hidden', 'hidden', 'pending']);
    assert.equal(json.body.questions[0].id, q.second!.id);
    assert.match(json.body.questions[0].answer.content, /Saturdays too/);

    assert.equal((await call(server.url, `${path}?format=json`, { token: cid.token })).status, 403, 'an asker is not staff');
    assert.equal((await call(server.url, `${path}?format=json`)).status, 401);
    assert.equal((await call(server.url, `${path}?format=pdf`, { token: host.token })).status, 422);
    assert.equal((await call(server.url, '/api/parley/v1/events/99999/export', { token: host.token })).status, 404);
  });

  it('says when the event has ended, and keeps its answers', async () => {
    assert.equal((await api(`/events/${event.id}/end`, host.token)).status, 200);
    const html = (await call(server.url, `/events/${event.id}`)).body as string;
    assert.match(html, /<span class="state">Ended<\/span>/);
    assert.doesNotMatch(html, /live now/);
    assert.match(html, /<dt>Ended<\/dt>/);
    assert.match(html, /Yes, from May on Saturdays too\./);
  });
});
