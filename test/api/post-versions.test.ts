// A post in several languages (issue 23): its versions given with `translations` (JSON and form),
// changed one at a time through Parley's endpoints, kept in its history; each reader gets the
// version that fits them (`lang`, the languages they read or post in, Accept-Language, the
// primary) through masto.js in home, public, a thread and notifications; bad versions are a 422.
// Every answer is checked against the OpenAPI description (test/helpers/server's conformance).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';
import { readerClient } from '../helpers/reader-client.ts';

const EN = 'Hello everyone, welcome to the embassy Q&A #parley';
const TH = 'สวัสดีทุกคน ยินดีต้อนรับสู่การถามตอบของสถานทูต #ภาษา @bob';
const AR = 'مرحبا بالجميع، أهلا بكم في جلسة الأسئلة والأجوبة';

describe('versions of a post', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const clients: Record<string, mastodon.rest.Client> = {};
  let postId: string;

  const client = (token: string, acceptLanguage?: string) => readerClient(server.url, token, acceptLanguage);
  const post = (json: Record<string, unknown>, token = tokens.alice!) => call(server.url, '/api/v1/statuses', { token, json });

  before(async () => {
    server = await startServer();
    for (const name of ['alice', 'bob', 'carol', 'dave']) tokens[name] = (await signUp(server.url, name)).token;
    clients.alice = client(tokens.alice!);
    // Bob reads Thai (his reading languages); Carol posts in Arabic; Dave's client asks for Arabic, then English.
    clients.bob = client(tokens.bob!);
    clients.carol = client(tokens.carol!);
    clients.dave = client(tokens.dave!, 'fr-FR, ar;q=0.8, en;q=0.5');
    const set = await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: tokens.bob, json: { languages: ['th'] } });
    assert.deepEqual(set.body, { languages: ['th'] });
    await clients.carol!.v1.accounts.updateCredentials({ source: { language: 'ar' } });
    const aliceId = (await clients.alice!.v1.accounts.verifyCredentials()).id;
    for (const name of ['bob', 'carol', 'dave']) await clients[name]!.v1.accounts.$select(aliceId).follow();
    const made = await post({ status: EN, language: 'en', spoiler_text: 'Q&A', translations: { th: { status: TH, spoiler_text: 'ถามตอบ' }, ar: { status: AR } } });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    postId = made.body.id;
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('lists its languages, and gives its author the primary', async () => {
    const own = await clients.alice!.v1.statuses.$select(postId).fetch();
    assert.equal(own.language, 'en');
    assert.match(own.content, /welcome to the embassy/);
    assert.deepEqual((own as unknown as { parleyLanguages: string[] }).parleyLanguages, ['en', 'ar', 'th']);
    // Hashtags and mentions are the post's: those of every version.
    assert.deepEqual(own.tags.map((t) => t.name).sort(), ['parley', 'ภาษา']);
    assert.deepEqual(
      own.mentions.map((m) => m.username),
      ['bob'],
    );
  });

  it('gives each reader their version at home', async () => {
    const seen = async (name: string) => eventually(async () => (await clients[name]!.v1.timelines.home.list()).find((s) => s.id === postId), 10_000, `the post in ${name}'s home`);
    const [bob, carol, dave] = [await seen('bob'), await seen('carol'), await seen('dave')];
    assert.equal(bob.language, 'th');
    assert.equal(bob.spoilerText, 'ถามตอบ');
    assert.match(bob.content, /สวัสดีทุกคน/);
    assert.equal(carol.language, 'ar');
    assert.match(carol.content, /مرحبا بالجميع/);
    assert.equal(carol.spoilerText, '');
    assert.equal(dave.language, 'ar', 'French is not written: Arabic is the next Dave accepts');
  });

  it('gives anonymous readers the version their Accept-Language asks for, in public timelines and threads', async () => {
    const reply = await clients.bob!.v1.statuses.create({ status: 'ขอบคุณครับ', inReplyToId: postId });
    for (const [accept, language] of [
      ['th-TH,th;q=0.9', 'th'],
      ['ar', 'ar'],
      ['de, en;q=0.3', 'en'],
      [undefined, 'en'],
    ] as const) {
      const anonymous = readerClient(server.url, undefined, accept);
      const found = (await anonymous.v1.timelines.public.list()).find((s) => s.id === postId);
      assert.equal(found?.language, language, `public, Accept-Language ${accept}`);
      const context = await anonymous.v1.statuses.$select(reply.id).context.fetch();
      assert.equal(context.ancestors[0]?.language, language, `thread, Accept-Language ${accept}`);
    }
    // An explicit `lang` wins over the reader's settings.
    const asked = await call(server.url, `/api/v1/statuses/${postId}?lang=ar`, { token: tokens.bob });
    assert.equal(asked.body.language, 'ar');
  });

  it('gives the version in notifications (a mention made in the Thai version)', async () => {
    const mention = await eventually(async () => (await clients.bob!.v1.notifications.list()).find((n) => n.type === 'mention' && n.status?.id === postId), 10_000, "bob's mention");
    assert.equal(mention.status!.language, 'th');
  });

  it('edits every version, keeps each in the history, and changes one at a time', async () => {
    const made = await post({ status: 'Version one', language: 'en', translations: { th: { status: 'รุ่นแรก' } } });
    const id = made.body.id as string;
    const edited = await call(server.url, `/api/v1/statuses/${id}`, {
      method: 'PUT',
      token: tokens.alice,
      json: { status: 'Version two', translations: { th: { status: 'รุ่นที่สอง' }, ar: { status: 'النسخة الثانية' } } },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    // A Mastodon app's edit (no translations) keeps the versions.
    await clients.alice!.v1.statuses.$select(id).update({ status: 'Version three' });
    assert.equal((await clients.bob!.v1.statuses.$select(id).fetch()).content, '<p>รุ่นที่สอง</p>');
    const added = await call(server.url, `/api/parley/v1/statuses/${id}/translations/fr`, { method: 'PUT', token: tokens.alice, json: { status: 'Version trois' } });
    assert.deepEqual(added.body.parley_languages, ['en', 'ar', 'fr', 'th']);
    const removed = await call(server.url, `/api/parley/v1/statuses/${id}/translations/ar`, { method: 'DELETE', token: tokens.alice });
    assert.deepEqual(removed.body.parley_languages, ['en', 'fr', 'th']);
    assert.equal((await call(server.url, `/api/parley/v1/statuses/${id}/translations/ar`, { method: 'DELETE', token: tokens.alice })).status, 404);
    assert.equal((await call(server.url, `/api/parley/v1/statuses/${id}/translations/fr`, { method: 'DELETE', token: tokens.bob })).status, 404, "not Bob's post");

    const history = (await call(server.url, `/api/v1/statuses/${id}/history`, { token: tokens.alice })).body as { content: string; parley_versions?: { language: string; content: string }[] }[];
    assert.deepEqual(
      history.map((h) => [h.content, (h.parley_versions ?? []).map((v) => `${v.language}:${v.content}`)]),
      [
        ['<p>Version one</p>', ['th:<p>รุ่นแรก</p>']],
        ['<p>Version two</p>', ['ar:<p>النسخة الثانية</p>', 'th:<p>รุ่นที่สอง</p>']],
        ['<p>Version three</p>', ['ar:<p>النسخة الثانية</p>', 'th:<p>รุ่นที่สอง</p>']],
        ['<p>Version three</p>', ['ar:<p>النسخة الثانية</p>', 'fr:<p>Version trois</p>', 'th:<p>รุ่นที่สอง</p>']],
        ['<p>Version three</p>', ['fr:<p>Version trois</p>', 'th:<p>รุ่นที่สอง</p>']],
      ],
    );
    const source = await call(server.url, `/api/v1/statuses/${id}/source`, { token: tokens.alice });
    assert.deepEqual(source.body.translations, { fr: { status: 'Version trois', spoiler_text: '' }, th: { status: 'รุ่นที่สอง', spoiler_text: '' } });
  });

  it('takes versions in form encoding', async () => {
    const made = await call(server.url, '/api/v1/statuses', {
      token: tokens.alice,
      form: { status: 'A form post', language: 'en', 'translations[th][status]': 'โพสต์จากฟอร์ม', 'translations[th][spoiler_text]': 'คำเตือน' },
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const thai = await call(server.url, `/api/v1/statuses/${made.body.id}?lang=th`);
    assert.equal(thai.body.content, '<p>โพสต์จากฟอร์ม</p>');
    assert.equal(thai.body.spoiler_text, 'คำเตือน');
  });

  it('refuses bad versions with a 422', async () => {
    const eleven = Object.fromEntries(['de', 'fr', 'es', 'it', 'pt', 'ru', 'ja', 'ko', 'zh', 'hi', 'fa'].map((l) => [l, { status: `in ${l}` }]));
    for (const [why, json] of [
      ['an unknown language', { status: 'Hi', language: 'en', translations: { xx: { status: 'Hi' } } }],
      ["the primary's language", { status: 'Hi', language: 'en', translations: { en: { status: 'Hello' } } }],
      ['an empty version', { status: 'Hi', language: 'en', translations: { th: { status: '  ' } } }],
      ['too many versions', { status: 'Hi', language: 'en', translations: eleven }],
      ['a version too long', { status: 'Hi', language: 'en', translations: { th: { status: 'ก'.repeat(501) } } }],
    ] as const) {
      const answer = await post(json);
      assert.equal(answer.status, 422, `${why}: ${JSON.stringify(answer.body)}`);
      assert.equal(typeof answer.body.error, 'string');
    }
    // A version without its text misses a required parameter: a 400, as Mastodon answers those.
    assert.equal((await post({ status: 'Hi', language: 'en', translations: { th: { spoiler_text: 'cw' } } })).status, 400);
    const bad = await call(server.url, `/api/parley/v1/statuses/${postId}/translations/en`, { method: 'PUT', token: tokens.alice, json: { status: 'again' } });
    assert.equal(bad.status, 422);
    const reading = await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: tokens.bob, json: { languages: ['klingon'] } });
    assert.equal(reading.status, 422);
  });
});
