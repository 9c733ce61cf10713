// Translating posts (Mastodon's POST /api/v1/statuses/:id/translate, translation_languages and the
// instance's configuration.translation): off without PARLEY_TRANSLATE_URL, as Mastodon is without a
// service; with one, through a LibreTranslate-compatible server started here (test/helpers/
// libretranslate: LibreTranslate itself cannot run on this machine). The author's own versions
// win; only public and unlisted posts go to the machine, and only for readers who may see them;
// translations are kept per edit and language; a failing service is a 503. Through masto.js; every
// answer is checked against the OpenAPI description (test/helpers/server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { fakeTranslation, startFakeTranslator, type FakeTranslator } from '../helpers/libretranslate.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const VERSIONED = { status: 'Welcome to the embassy', language: 'en', translations: { th: { status: 'ยินดีต้อนรับสู่สถานทูต' } } };

/** Mastodon's Translation entity whole (masto.js types only part of it, camel-cased). */
interface Translated {
  content: string;
  spoilerText: string;
  poll: { id: string; options: { title: string }[] } | null;
  detectedSourceLanguage: string;
  provider: string;
  parleyAuthorVersion: boolean;
}
const whole = async (t: Promise<mastodon.v1.Translation>) => (await t) as unknown as Translated;

/** A refused translation, as status and message (masto.js rejects with the bare response here). */
async function refusal(url: string, token: string, id: string, lang: string) {
  const answer = await call(url, `/api/v1/statuses/${id}/translate`, { method: 'POST', token, json: { lang } });
  return { status: answer.status, error: answer.body.error };
}

describe('translation without a service', () => {
  let server: TestServer;
  let alice: mastodon.rest.Client;

  before(async () => {
    server = await startServer();
    alice = createRestAPIClient({ url: server.url, accessToken: (await signUp(server.url, 'alice')).token });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('says it is off, and answers 404 for a machine translation, but gives the author’s versions', async () => {
    const token = (await signUp(server.url, 'bob')).token;
    const bob = createRestAPIClient({ url: server.url, accessToken: token });
    const postId = (await call(server.url, '/api/v1/statuses', { token, json: VERSIONED })).body.id as string;
    assert.equal((await bob.v2.instance.fetch()).configuration.translation.enabled, false);
    assert.deepEqual(await bob.v1.instance.translationLanguages.list(), {});
    assert.deepEqual(await refusal(server.url, token, postId, 'de'), { status: 404, error: 'Record not found' });
    const own = await alice.v1.statuses.$select(postId).translate({ lang: 'th' });
    assert.equal(own.content, '<p>ยินดีต้อนรับสู่สถานทูต</p>');
    assert.equal(own.provider, 'Author');
  });
});

describe('translation through a LibreTranslate-compatible service', () => {
  let server: TestServer;
  let fake: FakeTranslator;
  const tokens: Record<string, string> = {};
  const clients: Record<string, mastodon.rest.Client> = {};
  let versioned: string;

  const post = async (json: Record<string, unknown>) => {
    const made = await call(server.url, '/api/v1/statuses', { token: tokens.alice, json });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body.id as string;
  };

  before(async () => {
    fake = await startFakeTranslator('sesame');
    server = await startServer({ PARLEY_TRANSLATE_URL: `${fake.url}/`, PARLEY_TRANSLATE_API_KEY: 'sesame' });
    for (const name of ['alice', 'bob', 'carol']) {
      tokens[name] = (await signUp(server.url, name)).token;
      clients[name] = createRestAPIClient({ url: server.url, accessToken: tokens[name] });
    }
    const aliceId = (await clients.alice!.v1.accounts.verifyCredentials()).id;
    await clients.bob!.v1.accounts.$select(aliceId).follow();
    versioned = await post(VERSIONED);
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
    await fake.close();
  });

  it('says it is on, and which languages the service offers', async () => {
    assert.equal((await clients.bob!.v2.instance.fetch()).configuration.translation.enabled, true);
    assert.deepEqual(await clients.bob!.v1.instance.translationLanguages.list(), { en: ['ar', 'de', 'fr', 'th'], th: ['en'] });
  });

  it('translates a post, its content warning and its poll, once per edit and language', async () => {
    const id = await post({ status: 'Opening <hours> & days', spoiler_text: 'Long & dull', language: 'en', poll: { options: ['Monday', 'Tuesday'], expires_in: 3600 } });
    const t = await whole(clients.bob!.v1.statuses.$select(id).translate({ lang: 'de' }));
    assert.equal(t.content, fakeTranslation('<p>Opening &lt;hours&gt; &amp; days</p>', 'de'));
    assert.equal(t.spoilerText, '[de] Long & dull');
    assert.deepEqual(
      t.poll?.options.map((o) => o.title),
      ['[de] Monday', '[de] Tuesday'],
    );
    assert.equal(t.detectedSourceLanguage, 'en');
    assert.equal(t.provider, 'LibreTranslate');
    assert.equal(t.parleyAuthorVersion, false);
    assert.deepEqual(fake.calls.at(-1), { q: ['<p>Opening &lt;hours&gt; &amp; days</p>', 'Long &amp; dull', 'Monday', 'Tuesday'], source: 'en', target: 'de', format: 'html' });
    const calls = fake.calls.length;
    // Asked again (by anyone): kept, the service is not called.
    assert.deepEqual(await clients.carol!.v1.statuses.$select(id).translate({ lang: 'de' }), t);
    assert.equal(fake.calls.length, calls);
    // An edit is new text: translated again.
    await clients.alice!.v1.statuses.$select(id).update({ status: 'Opening hours, changed', spoilerText: 'Long & dull', language: 'en' });
    const edited = await clients.bob!.v1.statuses.$select(id).translate({ lang: 'de' });
    assert.equal(edited.content, '<p>[de] Opening hours, changed</p>');
    assert.equal(fake.calls.length, calls + 1);
  });

  it('answers with the author’s own version when there is one, calling nothing', async () => {
    const calls = fake.calls.length;
    const own = await whole(clients.bob!.v1.statuses.$select(versioned).translate({ lang: 'th-TH' }));
    assert.equal(own.content, '<p>ยินดีต้อนรับสู่สถานทูต</p>');
    assert.equal(own.provider, 'Author');
    assert.equal(own.parleyAuthorVersion, true);
    // Without `lang`: the reader's language (Bob reads Thai).
    await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: tokens.bob, json: { languages: ['th'] } });
    assert.equal((await clients.bob!.v1.statuses.$select(versioned).translate()).provider, 'Author');
    assert.equal(fake.calls.length, calls);
  });

  it('translates only what the reader may see, and no private post through the machine', async () => {
    const privateId = await post({ status: 'Followers only', language: 'en', visibility: 'private', translations: { th: { status: 'เฉพาะผู้ติดตาม' } } });
    const calls = fake.calls.length;
    assert.deepEqual(await refusal(server.url, tokens.carol!, privateId, 'de'), { status: 404, error: 'Record not found' });
    assert.deepEqual(await refusal(server.url, tokens.carol!, privateId, 'th'), { status: 404, error: 'Record not found' });
    assert.deepEqual(await refusal(server.url, tokens.bob!, privateId, 'de'), { status: 403, error: 'This action is not allowed' });
    assert.equal((await clients.bob!.v1.statuses.$select(privateId).translate({ lang: 'th' })).content, '<p>เฉพาะผู้ติดตาม</p>');
    assert.equal(fake.calls.length, calls);
    assert.equal((await call(server.url, `/api/v1/statuses/${versioned}/translate`, { method: 'POST', json: { lang: 'de' } })).status, 401);
    assert.equal((await call(server.url, `/api/v1/statuses/${versioned}/translate`, { method: 'POST', token: tokens.bob, json: { lang: '../x' } })).status, 422);
  });

  it('answers 503 while the service fails', async () => {
    fake.failing = true;
    try {
      const failed = await call(server.url, `/api/v1/statuses/${versioned}/translate`, { method: 'POST', token: tokens.carol, json: { lang: 'fr' } });
      assert.deepEqual([failed.status, failed.body], [503, { error: 'The translation service is unavailable' }]);
    } finally {
      fake.failing = false;
    }
    assert.equal((await clients.carol!.v1.statuses.$select(versioned).translate({ lang: 'fr' })).content, '<p>[fr] Welcome to the embassy</p>');
  });
});
