// The spliced status JSON (entities/status-json) must write the very bytes the plain renderer
// writes (JSON.stringify of serializeStatus), for every kind of status and reader, and for every
// viewer part in the registry (entities/viewer-parts): the table must show each part in each of
// its shapes, and this test fails, naming the part, when a new one is not covered.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FilterMatch } from '../../src/core/filters/service.ts';
import type { StatusView, ViewerFlags } from '../../src/core/statuses/views.ts';
import { plainStatusJson, splicedStatusJson } from '../../src/api/mastodon/entities/status-json.ts';
import { sharedStatus, type StatusExtra } from '../../src/api/mastodon/entities/status.ts';
import { objectAt, VIEWER_PARTS, type PartInput, type ViewerPart } from '../../src/api/mastodon/entities/viewer-parts.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

interface Case {
  view: StatusView;
  extra: StatusExtra;
  /** the reader's languages (see api/reader-languages) */
  languages?: readonly string[] | undefined;
}

/** Readers' languages: none said, the primary's, a version's, a version's after one the post lacks. */
const LANGUAGES: (readonly string[] | undefined)[] = [undefined, ['en'], ['th'], ['fr', 'ar', 'th']];

const FLAGS = ['favourited', 'reblogged', 'muted', 'bookmarked', 'pinned', 'own'] as const;
/** Every combination of the viewer's flags (64), some with votes in a poll. */
const everyFlags: ViewerFlags[] = Array.from(
  { length: 1 << FLAGS.length },
  (_, bits) => ({ ...Object.fromEntries(FLAGS.map((f, i) => [f, Boolean(bits & (1 << i))])), votes: bits % 5 === 0 ? [0, 1] : bits % 5 === 1 ? [1] : [] }) as unknown as ViewerFlags,
);

/** The status seen with other flags (the status it reblogs with others again). */
function withFlags(view: StatusView, flags: ViewerFlags | null, i: number): StatusView {
  const inner = flags === null ? null : everyFlags[(i * 7 + 3) % everyFlags.length]!;
  // An anonymous reader gets "unknown" for whether they may quote it.
  const approval = (v: StatusView) => (flags === null ? 'unknown' : v.quoteApproval);
  return { ...view, viewer: flags, quoteApproval: approval(view), reblog: view.reblog ? { ...view.reblog, viewer: inner, quoteApproval: approval(view.reblog) } : null };
}

const CTX = { origin: 'https://parley.example', domain: 'parley.example' };

/** Throws, naming them, when the cases leave a part's shape unseen, or never show it writing or not writing. */
function assertCovered(parts: readonly ViewerPart[], cases: Case[]): void {
  const seen = new Map(parts.map((p) => [p, { shapes: new Set<number>(), wrote: false, skipped: false }]));
  const inputs = cases.flatMap(({ view, extra, languages }): PartInput[] => [
    { view, ctx: CTX, text: extra.text, filtered: extra.filtered, languages },
    ...(view.reblog ? [{ view: view.reblog, ctx: CTX, text: undefined, filtered: undefined, languages }] : []),
  ]);
  for (const input of inputs) {
    const shared = sharedStatus(input.view, CTX, parts);
    for (const part of parts) {
      if (!objectAt(shared, part.at) && part.at.length > 0) continue;
      const s = seen.get(part)!;
      s.shapes.add(part.shape(input));
      const into: Record<string, unknown> = {};
      part.write(into, input);
      if (Object.keys(into).length > 0) s.wrote = true;
      else s.skipped = true;
    }
  }
  const missing: string[] = [];
  for (const [part, s] of seen) {
    const wanted = [...Array.from({ length: part.shapes }, (_, i) => i), ...(part.varies ? [-1] : [])];
    const unseen = wanted.filter((shape) => !s.shapes.has(shape));
    if (unseen.length > 0) missing.push(`${part.name}: shapes ${unseen.join(', ')} unseen`);
    if (!s.wrote || !s.skipped) missing.push(`${part.name}: never seen ${s.wrote ? 'leaving its keys out' : 'writing its keys'}`);
    const stray = [...s.shapes].filter((shape) => shape >= part.shapes || (shape < 0 && !part.varies));
    if (stray.length > 0) missing.push(`${part.name}: answered undeclared shapes ${stray.join(', ')}`);
  }
  assert.deepEqual(missing, [], 'viewer parts the agreement table does not cover: add cases for them');
}

describe('spliced status JSON agrees with the plain renderer', () => {
  let server: TestServer;
  const who: Record<string, { token: string; id: string }> = {};
  let cases: Case[] = [];
  let pages: { views: StatusView[]; filteredOf?: (id: string) => FilterMatch[] }[] = [];

  before(async () => {
    server = await startServer();
    for (const name of ['viewer', 'anna', 'ben']) {
      const { token } = await signUp(server.url, name);
      who[name] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    const post = async (name: string, json: Record<string, unknown>) => (await call(server.url, '/api/v1/statuses', { token: who[name]!.token, json })).body.id as string;
    const ids: string[] = [];
    const first = await post('anna', { status: 'Hello @viewer and @ben, about #parley and #Café "quoted" <b>not bold</b> \u2014 ünïcode 🎉 ,"reblog":null,', spoiler_text: 'cw', sensitive: true });
    ids.push(first, await post('ben', { status: 'A reply to anna @anna', in_reply_to_id: first }));
    ids.push((await call(server.url, `/api/v1/statuses/${first}/reblog`, { method: 'POST', token: who.ben!.token })).body.id);
    ids.push(await post('anna', { status: 'the election results are in', language: 'de' }));
    ids.push(await post('viewer', { status: 'my own, unlisted', visibility: 'unlisted' }));
    const edited = await post('ben', { status: 'before the edit' });
    await call(server.url, `/api/v1/statuses/${edited}`, { method: 'PUT', token: who.ben!.token, json: { status: 'after the edit #edited' } });
    ids.push(edited);
    ids.push(await post('anna', { status: 'a poll', poll: { options: ['yes', 'no "quoted"'], expires_in: 3600, multiple: true } }));
    const versioned = await post('anna', {
      status: 'Hello in English #parley @ben',
      language: 'en',
      spoiler_text: 'about languages',
      translations: { th: { status: 'สวัสดี #ภาษา', spoiler_text: 'เรื่องภาษา' }, ar: { status: 'مرحبا @viewer' } },
    });
    ids.push(versioned, (await call(server.url, `/api/v1/statuses/${versioned}/reblog`, { method: 'POST', token: who.ben!.token })).body.id);
    ids.push(await post('ben', { status: 'a poll hiding its totals', poll: { options: ['one', 'two', 'three'], expires_in: 3600, hide_totals: true } }));
    // Quotes: of a post, of a quote (named by id inside), one revoked, and one of a post with a policy.
    const quoting = await post('ben', { status: 'quoting anna', quoted_status_id: first });
    const guarded = await post('anna', { status: 'followers may quote', quote_approval_policy: 'followers' });
    const revoked = await post('viewer', { status: 'soon revoked', quoted_status_id: ids[3] });
    await call(server.url, `/api/v1/statuses/${ids[3]}/quotes/${revoked}/revoke`, { method: 'POST', token: who.anna!.token });
    ids.push(quoting, await post('anna', { status: 'quoting the quote', quoted_status_id: quoting }), guarded, revoked);
    // Parley's manual policy ("manual" for readers), and a quote of it waiting for the author.
    const asking = await post('anna', { status: 'ask me first' });
    await call(server.url, `/api/parley/v1/statuses/${asking}/quote_policy`, { method: 'PUT', token: who.anna!.token, json: { quote_approval_policy: 'manual' } });
    ids.push(asking, await post('ben', { status: 'may I quote it', quoted_status_id: asking }));
    await call(server.url, '/api/v2/filters', { token: who.viewer!.token, json: { title: 'Elections', context: ['home'], filter_action: 'warn', keywords_attributes: [{ keyword: 'election' }] } });
    await server.app.jobs.idle();

    const { core } = server.app;
    const views = await core.statusViews.hydrate(who.viewer!.id, ids);
    assert.equal(views.length, ids.length);
    const { matches } = await core.filters.apply(who.viewer!.id, 'home', views);
    const matched = [...matches.values()].find((m) => m.length > 0);
    assert.ok(matched, 'a status matched the filter');
    // The first post as a remote account's: its own uri and url, and an author with a domain.
    const remote: StatusView = {
      ...views[0]!,
      status: { ...views[0]!.status, uri: 'https://remote.example/notes/1', url: 'https://remote.example/@zoe/1', language: 'fr' },
      account: { ...views[0]!.account, account: { ...views[0]!.account.account, domain: 'remote.example', uri: 'https://remote.example/users/zoe', url: 'https://remote.example/@zoe' } },
    };
    const all = [...views, remote];
    const extras: StatusExtra[] = [{}, { filtered: [] }, { filtered: matched }, { text: 'the source, "as typed"' }];
    cases = all.flatMap((view, v) =>
      [null, ...everyFlags].flatMap((flags, i) => extras.map((extra, e) => ({ view: withFlags(view, flags, v + i), extra, languages: LANGUAGES[(i + e) % LANGUAGES.length] }))),
    );
    pages = [
      { views: all.map((v) => withFlags(v, null, 0)) },
      { views: all, filteredOf: (id) => matches.get(id) ?? [] },
      ...everyFlags.map((flags, i) => ({ views: all.map((v) => withFlags(v, flags, i)), filteredOf: (id: string) => (id === all[i % all.length]!.status.id ? matched : []) })),
    ];
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const urls = () => ({ origin: server.url, domain: new URL(server.url).host });

  function agree(parts: readonly ViewerPart[]) {
    const [plain, spliced] = [plainStatusJson(parts), splicedStatusJson(parts)];
    // Twice: the second time from the kept shared parts and the kept bytes of each shape.
    for (let round = 0; round < 2; round++) {
      for (const { view, extra, languages } of cases) {
        const ctx = { ...urls(), languages };
        assert.equal(spliced.one(view, ctx, extra).toString(), plain.one(view, ctx, extra).toString(), `status ${view.status.id} ${JSON.stringify(view.viewer)} ${JSON.stringify(extra)} ${languages}`);
      }
      for (const [i, { views, filteredOf }] of pages.entries()) {
        const ctx = { ...urls(), languages: LANGUAGES[i % LANGUAGES.length] };
        assert.equal(spliced.page(views, ctx, filteredOf).toString(), plain.page(views, ctx, filteredOf).toString());
      }
    }
  }

  it('the same bytes for every status, reader and request in the table, and the table covers every viewer part', () => {
    assertCovered(VIEWER_PARTS, cases);
    agree(VIEWER_PARTS);
  });

  it('a part inside a nested object and a part replacing shared values fit in without changing the splicer', () => {
    // Shaped like the coming parts: keys added inside an object (a poll's own votes) and values that
    // are the reader's own (a language version's content, spoiler_text and language).
    const inside: ViewerPart = {
      name: 'application.seen_by',
      at: ['application'],
      mode: 'append',
      keys: ['seen_by'],
      write(into, { view }) {
        if (view.viewer?.bookmarked) into.seen_by = view.viewer.own ? 'author' : 'reader';
      },
      shapes: 3,
      shape: ({ view }) => (view.viewer?.bookmarked ? (view.viewer.own ? 1 : 2) : 0),
      varies: false,
    };
    const version: ViewerPart = {
      name: 'language version',
      at: [],
      mode: 'replace',
      keys: ['content', 'spoiler_text', 'language'],
      write(into, { view }) {
        if (!view.viewer?.muted || view.status.reblogOfId) return;
        into.content = `<p>Übersetzt: ${view.status.id} "${view.viewer.favourited}"</p>`;
        into.spoiler_text = view.viewer.reblogged ? 'Inhaltswarnung' : '';
        into.language = 'de';
      },
      shapes: 1,
      shape: ({ view }) => (view.viewer?.muted && !view.status.reblogOfId ? -1 : 0),
      varies: true,
    };
    // The real version part (entities/status-versions) writes the same keys: left out here.
    const others = VIEWER_PARTS.filter((p) => p.name !== 'version');
    const parts = [...others.slice(0, 2), version, ...others.slice(2), inside];
    assertCovered(parts, cases);
    agree(parts);
  });

  it('names a part the table does not cover', () => {
    const quiz: ViewerPart = { name: 'poll.quiz_result', at: ['poll'], mode: 'append', keys: ['correct'], write() {}, shapes: 2, shape: () => 0, varies: false };
    assert.throws(() => assertCovered([...VIEWER_PARTS, quiz], cases), /poll\.quiz_result: shapes 1 unseen/);
  });
});
