// A post in several languages between servers (issue 23): a Note carries every version in
// contentMap and summaryMap, with content and summary holding the primary. Two Parley servers (as
// two-servers.test.ts, over HTTPS with a test CA): the other server's readers get their version
// through masto.js, and an edit that changes one version and drops another arrives, its history
// keeping both. An independent Fedify server receives the maps with its `content` the primary,
// and its own note with several languages in contentMap comes in as a post with versions, found by
// a word of any of them until an Update drops them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Temporal } from '@js-temporal/polyfill';
import { Create, Follow, LanguageString, Note, PUBLIC_COLLECTION, Update } from '@fedify/vocab';
import type { mastodon } from 'masto';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
import { call } from '../helpers/http.ts';
import { person, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';
import { readerClient } from '../helpers/reader-client.ts';

const tls = testTls();
const FEDERATE = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' };
const EN = 'The consulate opens at nine tomorrow';
const TH = 'สถานกงสุลเปิดเวลาเก้าโมงพรุ่งนี้';
const AR = 'تفتح القنصلية أبوابها في التاسعة غدا';

/** A status's versions as the Status entity lists its languages (Parley's `parley_languages`). */
const languagesOf = (s: mastodon.v1.Status) => (s as unknown as { parleyLanguages?: string[] }).parleyLanguages;

describe('versions of a post between servers', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let a: TestServer;
  let b: TestServer;
  let peer: FedifyPeer;
  let alice: Person;
  /** on B: Bob reads Thai, Carol posts in Arabic, Dan says nothing of languages */
  let bob: Person;
  let carol: Person;
  let dan: Person;
  let onA: string;
  let uri: string;

  before(async () => {
    [a, b, peer] = await Promise.all([startServer(FEDERATE, { tls: tls!, proxy: true }), startServer(FEDERATE, { tls: tls!, proxy: true }), startFedifyPeer(tls!)]);
    [alice, bob, carol, dan] = await Promise.all([person(a.url, 'alice'), person(b.url, 'bob'), person(b.url, 'carol'), person(b.url, 'dan')]);
    assert.equal((await call(b.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: bob.token, json: { languages: ['th'] } })).status, 200);
    await carol.masto.v1.accounts.updateCredentials({ source: { language: 'ar' } });
    const found = await call(b.url, `/api/v1/accounts/search?q=${encodeURIComponent(`alice@${new URL(a.url).host}`)}&resolve=true`, { token: bob.token });
    const aliceOnB = found.body[0].id as string;
    for (const p of [bob, carol, dan]) await p.masto.v1.accounts.$select(aliceOnB).follow();
    await eventually(async () => (await dan.masto.v1.accounts.relationships.fetch({ id: [aliceOnB] }))[0]?.following, 20_000, 'the Accepts');
    // The peer follows Alice too.
    const aliceUri = new URL(`${a.url}/users/alice`);
    await peer
      .context()
      .sendActivity(
        { identifier: 'relay' },
        { id: aliceUri, inboxId: new URL(`${a.url}/users/alice/inbox`) },
        new Follow({ id: new URL('/follows/1', peer.origin), actor: peer.actorUri, object: aliceUri }),
        { immediate: true },
      );
    await eventually(async () => peer.received.find((x) => x.type === 'Accept'), 20_000, 'the Accept at the peer');
  });
  after(async () => {
    // Every Mastodon answer conformed to the OpenAPI description (test/helpers/server).
    const problems = [...(a?.problems ?? []), ...(b?.problems ?? [])];
    await Promise.all([a?.stop(), b?.stop(), peer?.stop()]);
    assert.deepEqual(problems, []);
  });

  const settle = () => Promise.all([a.app.jobs.idle(20_000), b.app.jobs.idle(20_000)]);
  const onB = (p: Person) => eventually(async () => (await p.masto.v1.timelines.home.list()).find((s) => s.uri === uri), 20_000, `the post in ${p.name}'s home on B`);

  it('sends every version: readers on the other server get theirs, the peer gets contentMap and summaryMap', async () => {
    const posted = await call(a.url, '/api/v1/statuses', {
      token: alice.token,
      json: { status: EN, language: 'en', spoiler_text: 'Opening hours', translations: { th: { status: TH, spoiler_text: 'เวลาทำการ' }, ar: { status: AR } } },
    });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    [onA, uri] = [posted.body.id, posted.body.uri];

    const [forBob, forCarol, forDan] = [await onB(bob), await onB(carol), await onB(dan)];
    assert.deepEqual([forBob.language, forBob.spoilerText], ['th', 'เวลาทำการ']);
    assert.match(forBob.content, /สถานกงสุล/);
    assert.deepEqual([forCarol.language, forCarol.spoilerText], ['ar', '']);
    assert.match(forCarol.content, /القنصلية/);
    assert.deepEqual([forDan.language, forDan.spoilerText], ['en', 'Opening hours']);
    assert.deepEqual(languagesOf(forDan), ['en', 'ar', 'th']);
    // Dan's app asking for Arabic gets it.
    const asking = readerClient(b.url, dan.token, 'ar');
    assert.equal((await asking.v1.statuses.$select(forDan.id).fetch()).language, 'ar');

    const create = await eventually(async () => peer.received.find((x) => x.type === 'Create' && x.object?.id === uri), 20_000, 'the Create at the peer');
    const body = peer.bodies.find((x) => x.type === 'Create' && x.object?.id === uri)!.object;
    assert.equal(body.content, `<p>${EN}</p>`, 'content is the primary');
    assert.equal(body.summary, 'Opening hours');
    // The primary's language first: servers that take a note's language from contentMap's first key get it.
    assert.deepEqual(Object.keys(body.contentMap), ['en', 'ar', 'th']);
    assert.equal(body.contentMap.th, `<p>${TH}</p>`);
    assert.deepEqual(body.summaryMap, { en: 'Opening hours', th: 'เวลาทำการ' });
    assert.equal(create.object.contentMap.ar, `<p>${AR}</p>`);
    // Its URL serves the same.
    const served = (await fetch(uri, { headers: { accept: 'application/activity+json' } }).then((r) => r.json())) as { content: string; contentMap: Record<string, string> };
    assert.equal(served.content, `<p>${EN}</p>`);
    assert.deepEqual(Object.keys(served.contentMap).sort(), ['ar', 'en', 'th']);
  });

  it('carries an edit that changes one version and removes another, the history keeping them', async () => {
    const edited = await call(a.url, `/api/v1/statuses/${onA}`, {
      method: 'PUT',
      token: alice.token,
      json: { status: EN, spoiler_text: 'Opening hours', translations: { th: { status: 'สถานกงสุลเปิดเวลาสิบโมง', spoiler_text: 'เวลาทำการ' } } },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const forBob = await eventually(
      async () => {
        const s = (await bob.masto.v1.timelines.home.list()).find((x) => x.uri === uri);
        return s?.content.includes('สิบโมง') ? s : null;
      },
      20_000,
      'the edit on B',
    );
    assert.ok(forBob.editedAt);
    assert.deepEqual(languagesOf(forBob), ['en', 'th']);
    const forCarol = await carol.masto.v1.statuses.$select(forBob.id).fetch();
    assert.equal(forCarol.language, 'en', 'no Arabic any more: the primary');
    const history = (await call(b.url, `/api/v1/statuses/${forBob.id}/history`, { token: dan.token })).body as { parley_versions?: { language: string; content: string }[] }[];
    assert.deepEqual(
      history.map((h) => (h.parley_versions ?? []).map((v) => v.language)),
      [['ar', 'th'], ['th']],
    );
    assert.match(history[0]!.parley_versions![1]!.content, /เก้าโมง/);

    const update = await eventually(async () => peer.bodies.find((x) => x.type === 'Update' && x.object?.id === uri), 20_000, 'the Update at the peer');
    assert.deepEqual(Object.keys(update.object.contentMap).sort(), ['en', 'th']);
    assert.equal(update.object.content, `<p>${EN}</p>`);
    await settle();
  });

  it("takes the peer's note with several languages in contentMap as a post with versions, and its Update replaces them", async () => {
    const peerId = (await call(a.url, `/api/v1/accounts/search?q=${encodeURIComponent(peer.handle)}&resolve=true`, { token: alice.token })).body[0].id as string;
    await alice.masto.v1.accounts.$select(peerId).follow();
    await eventually(async () => (await alice.masto.v1.accounts.relationships.fetch({ id: [peerId] }))[0]?.following, 20_000, "the peer's Accept");
    const note = (contents: (string | LanguageString)[], summaries: (string | LanguageString)[] = []) =>
      new Note({ id: new URL('/notes/multi', peer.origin), attribution: peer.actorUri, to: PUBLIC_COLLECTION, contents, summaries, published: Temporal.Now.instant() });
    const aliceUri = new URL(`${a.url}/users/alice`);
    const send = (activity: Create | Update) => peer.context().sendActivity({ identifier: 'relay' }, { id: aliceUri, inboxId: new URL(`${a.url}/users/alice/inbox`) }, activity, { immediate: true });
    const th = '<p>ประกาศจากสถานทูต</p>';
    // `content` is the Thai entry: the primary. `en-US` is read as English; `zz` is no language; French is blank.
    const first = note(
      [
        th,
        new LanguageString('<p>A notice from the embassy</p>', 'en-US'),
        new LanguageString(th, 'th'),
        new LanguageString('<p>بيان من السفارة</p>', 'ar'),
        new LanguageString('<p>x</p>', 'zz'),
        new LanguageString('<p> </p>', 'fr'),
      ],
      [new LanguageString('ประกาศ', 'th'), new LanguageString('Notice', 'en-US')],
    );
    await send(new Create({ id: new URL('/notes/multi/create', peer.origin), actor: peer.actorUri, object: first, to: PUBLIC_COLLECTION }));
    const seen = await eventually(async () => (await alice.masto.v1.timelines.home.list()).find((s) => s.uri === first.id!.href), 20_000, "the peer's note at home");
    assert.deepEqual([seen.language, seen.spoilerText], ['th', 'ประกาศ']);
    assert.deepEqual(languagesOf(seen), ['th', 'ar', 'en']);
    const english = readerClient(a.url, undefined, 'en-GB, en;q=0.8');
    const read = await english.v1.statuses.$select(seen.id).fetch();
    assert.deepEqual([read.language, read.content, read.spoilerText], ['en', '<p>A notice from the embassy</p>', 'Notice']);
    // Found by a word of any version (once Alice favourites it, it is hers to search).
    await alice.masto.v1.statuses.$select(seen.id).favourite();
    await a.app.jobs.idle(20_000);
    const searched = async (q: string) => (await alice.masto.v2.search.list({ q, type: 'statuses' })).statuses.map((s) => s.id);
    assert.deepEqual(await searched('notice'), [seen.id]);
    assert.deepEqual(await searched('السفارة'), [seen.id]);

    // An Update with one language left: the versions go, the history keeps them.
    const second = note([th, new LanguageString(th, 'th')], ['ประกาศ']);
    await send(new Update({ id: new URL('/notes/multi#update', peer.origin), actor: peer.actorUri, object: second, to: PUBLIC_COLLECTION }));
    const revised = await eventually(
      async () => {
        const s = await english.v1.statuses.$select(seen.id).fetch();
        return s.language === 'th' ? s : null;
      },
      20_000,
      'the Update',
    );
    assert.deepEqual(languagesOf(revised) ?? [], []);
    // Its words are those of the versions it still has.
    await a.app.jobs.idle(20_000);
    assert.deepEqual(await searched('notice'), []);
    assert.deepEqual(await searched('السفارة'), []);
    assert.deepEqual(await searched('สถานทูต'), [seen.id]);
    const history = (await call(a.url, `/api/v1/statuses/${seen.id}/history`, { token: alice.token })).body as { parley_versions?: { language: string }[] }[];
    assert.deepEqual(
      history.map((h) => (h.parley_versions ?? []).map((v) => v.language)),
      [['ar', 'en'], []],
    );
  });
});
