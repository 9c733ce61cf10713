// Streams give each connection the version of a post that fits its reader (issue 23), as REST
// does: three readers reading English, Thai and Arabic (their reading or posting languages) on
// masto.js streams each get their version of a post, of its edit and of the notification it makes;
// anonymous streams choose by `lang` and Accept-Language. A reader's public stream keeps to the
// languages they read. A post without versions is the same payload for everyone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, createStreamingAPIClient, type mastodon } from 'masto';
import WebSocket from 'ws';
import { call, signUp } from '../../helpers/http.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { channel, listening, rawSocket, updateIds, type RawSocket } from '../../helpers/streaming.ts';
import { eventually } from '../../helpers/wait.ts';

const READERS = ['en', 'th', 'ar'] as const;
type Lang = (typeof READERS)[number];

describe('streams and posts in several languages', () => {
  let server: TestServer;
  let alice: string;
  let aliceId: string;
  const tokens = {} as Record<Lang, string>;
  const events = {} as Record<Lang, mastodon.streaming.Event[]>;
  const streams: mastodon.streaming.Client[] = [];
  let anonymousTh: RawSocket;
  let anonymousAr: RawSocket;

  const update = (lang: Lang, event: string, id: string) =>
    eventually(
      async () => events[lang].find((e) => e.event === event && (e.payload as mastodon.v1.Status).id === id) as mastodon.streaming.UpdateEvent | undefined,
      10_000,
      `${event} of ${id} on ${lang}`,
    );
  const rawUpdate = async (socket: RawSocket, event: string, id: string) =>
    JSON.parse((await socket.next((f) => f.event === event && (JSON.parse(f.payload!) as { id: string }).id === id, 10_000)).payload!) as { language: string; content: string };

  before(async () => {
    server = await startServer();
    alice = (await signUp(server.url, 'alice')).token;
    aliceId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: alice })).body.id;
    for (const lang of READERS) {
      tokens[lang] = (await signUp(server.url, `reader_${lang}`)).token;
      await call(server.url, `/api/v1/accounts/${aliceId}/follow`, { method: 'POST', token: tokens[lang] });
    }
    // English and Thai readers say so in their reading languages; the Arabic one posts in Arabic.
    for (const lang of ['en', 'th'] as const) await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: tokens[lang], json: { languages: [lang] } });
    await createRestAPIClient({ url: server.url, accessToken: tokens.ar }).v1.accounts.updateCredentials({ source: { language: 'ar' } });
    for (const lang of READERS) {
      const streaming = createStreamingAPIClient({ streamingApiUrl: server.url.replace('http', 'ws'), accessToken: tokens[lang], implementation: WebSocket, retry: false });
      streams.push(streaming);
      events[lang] = [];
      void (async () => {
        for await (const event of streaming.user.subscribe()) events[lang].push(event);
      })();
    }
    // Every stream listens before anything is posted (masto.js connects lazily).
    for (const lang of READERS) await listening(server.app.bus, channel.author(aliceId), (probe) => events[lang].some((e) => e.event === 'delete' && e.payload === probe));
    anonymousTh = await rawSocket(server.url, '?stream=public', undefined, { 'accept-language': 'th-TH, en;q=0.5' });
    anonymousAr = await rawSocket(server.url, '?stream=public&lang=ar', undefined, { 'accept-language': 'th' });
    for (const socket of [anonymousTh, anonymousAr]) await listening(server.app.bus, channel.public('all'), socket);
  });
  after(async () => {
    for (const s of streams) s.close();
    for (const socket of [anonymousTh, anonymousAr]) socket.ws.close();
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('gives each reader their version of a post, its edit and its notification', async () => {
    const posted = await call(server.url, '/api/v1/statuses', {
      token: alice,
      json: { status: 'Welcome @reader_th to the embassy', language: 'en', translations: { th: { status: 'ยินดีต้อนรับ @reader_th สู่สถานทูต' }, ar: { status: 'مرحبا بكم في السفارة' } } },
    });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    const id = posted.body.id as string;
    const seen = { en: await update('en', 'update', id), th: await update('th', 'update', id), ar: await update('ar', 'update', id) };
    assert.equal(seen.en.payload.language, 'en');
    assert.match(seen.en.payload.content, /Welcome/);
    assert.equal(seen.th.payload.language, 'th');
    assert.match(seen.th.payload.content, /ยินดีต้อนรับ/);
    assert.equal(seen.ar.payload.language, 'ar');
    assert.match(seen.ar.payload.content, /مرحبا/);
    const mention = await eventually(async () => events.th.find((e) => e.event === 'notification') as mastodon.streaming.NotificationEvent | undefined, 10_000, 'the mention');
    assert.equal(mention.payload.status?.language, 'th');
    // Anonymous streams: Accept-Language, and `lang` before it.
    assert.equal((await rawUpdate(anonymousTh, 'update', id)).language, 'th');
    assert.equal((await rawUpdate(anonymousAr, 'update', id)).language, 'ar');

    const edited = await call(server.url, `/api/parley/v1/statuses/${id}/translations/th`, { method: 'PUT', token: alice, json: { status: 'ยินดีต้อนรับ @reader_th สู่สถานทูตอีกครั้ง' } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const edits = { en: await update('en', 'status.update', id), th: await update('th', 'status.update', id), ar: await update('ar', 'status.update', id) };
    assert.equal(edits.en.payload.language, 'en');
    assert.match(edits.th.payload.content, /อีกครั้ง/);
    assert.equal(edits.ar.payload.language, 'ar');
  });

  it("keeps a reader's public stream to the languages they read, versions included", async () => {
    const thaiPublic = await rawSocket(server.url, `?stream=public&access_token=${tokens.th}`);
    await listening(server.app.bus, channel.public('all'), thaiPublic);
    const english = await call(server.url, '/api/v1/statuses', { token: alice, json: { status: 'Parking notice', language: 'en' } });
    const both = await call(server.url, '/api/v1/statuses', { token: alice, json: { status: 'Parking moved', language: 'en', translations: { th: { status: 'ย้ายที่จอดรถ' } } } });
    // Deliveries on a channel keep their order: once the second has come, the first never will.
    assert.equal((await rawUpdate(thaiPublic, 'update', both.body.id)).language, 'th');
    assert.equal(updateIds(thaiPublic).includes(english.body.id), false);
    // The anonymous streams chose nothing: they get both.
    await rawUpdate(anonymousTh, 'update', english.body.id);
    thaiPublic.ws.close();
  });

  it('sends a post without versions alike to everyone', async () => {
    const posted = await call(server.url, '/api/v1/statuses', { token: alice, json: { status: 'One language only', language: 'en' } });
    const payloads = await Promise.all(READERS.map(async (lang) => (await update(lang, 'update', posted.body.id)).payload));
    for (const p of payloads) assert.deepEqual(p, payloads[0]);
    assert.equal(payloads[0]!.language, 'en');
  });
});
