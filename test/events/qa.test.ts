// A Q&A from start to end through Parley's API: the host creates it, the audience asks (through the
// API and by replying with a Mastodon client), votes, moderators moderate, the host answers; the
// audience's stream never carries a hidden or pending question; bad input gets a clear 4xx.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, rawSocket } from '../helpers/streaming.ts';
import { hearing } from './helpers.ts';
import { eventually } from '../helpers/wait.ts';

describe('events: a Q&A', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  const hour = 3600_000;
  const post = (path: string, token: string, body: Record<string, unknown> = {}) => call(server.url, `/api/parley/v1${path}`, { method: 'POST', token, json: body });
  const get = (path: string, token?: string) => call(server.url, `/api/parley/v1${path}`, token ? { token } : {});

  async function qa(token: string, extra: Record<string, unknown> = {}) {
    const made = await post('/events', token, {
      kind: 'qa',
      title: 'Ask the Ambassador',
      description: 'Questions about visas, trade and culture.',
      starts_at: new Date(Date.now() - 60_000).toISOString(),
      ends_at: new Date(Date.now() + hour).toISOString(),
      hashtag: 'AskTheAmbassador',
      ...extra,
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body;
  }

  it('runs: ask, vote, moderate, answer, with the audience stream showing only what it may', async () => {
    const [host, mod, ana, ben] = [await signUp(server.url, 'ambassador'), await signUp(server.url, 'moder'), await signUp(server.url, 'ana'), await signUp(server.url, 'ben')];
    const event = await qa(host.token);
    assert.equal(event.state, 'live');
    assert.equal(event.role, 'host');
    assert.equal(event.hashtag, 'asktheambassador');
    const announcement = (await call(server.url, `/api/v1/statuses/${event.announcement_id}`)).body;
    assert.match(announcement.content, /Ask the Ambassador/);
    assert.ok(announcement.content.includes(`/events/${event.id}`), 'the announcement links to the event');
    assert.equal((await post(`/events/${event.id}/participants`, host.token, { acct: 'moder', role: 'moderator' })).status, 200);

    const audience = await rawSocket(server.url, `?stream=event&event=${event.id}`);
    const staff = await rawSocket(server.url, `?stream=event&event=${event.id}`, [mod.token]);
    await hearing(server.app.bus, channel.event(event.id), audience);
    await hearing(server.app.bus, channel.eventStaff(event.id), staff);

    const asked = await post(`/events/${event.id}/questions`, ana.token, { text: 'When do visa rules change?', language: 'en' });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    assert.equal(asked.body.state, 'pending');
    assert.equal(asked.body.account.acct, 'ana');
    assert.match(asked.body.text, /visa rules/);
    const pending = await staff.next((f) => f.event === 'event.question');
    assert.equal(JSON.parse(pending.payload!).id, asked.body.id);
    assert.deepEqual(pending.stream, ['event', event.id]);

    // Ben asks from a Mastodon app, replying to the announcement.
    const masto = createRestAPIClient({ url: server.url, accessToken: ben.token });
    const reply = await masto.v1.statuses.create({ status: 'Will the embassy open on Saturdays?', inReplyToId: event.announcement_id, visibility: 'public' });
    const bens = await eventually(async () => (await get(`/events/${event.id}/questions?state=pending`, mod.token)).body.find((q: { status_id: string }) => q.status_id === reply.id));
    assert.equal(bens.account.acct, 'ben');
    // A private reply is never a question.
    const secret = await masto.v1.statuses.create({ status: 'psst', inReplyToId: event.announcement_id, visibility: 'private' });
    await server.app.jobs.idle();
    assert.ok(!(await get(`/events/${event.id}/questions?state=pending`, mod.token)).body.some((q: { status_id: string }) => q.status_id === secret.id));

    // The audience sees nothing pending; voting on it is not found.
    assert.deepEqual((await get(`/events/${event.id}/questions`)).body, []);
    assert.equal((await post(`/events/${event.id}/questions/${asked.body.id}/vote`, ben.token)).status, 404);

    const approved = await post(`/events/${event.id}/questions/${asked.body.id}/approve`, mod.token);
    assert.equal(approved.body.state, 'approved');
    const shown = await audience.next((f) => f.event === 'event.question');
    assert.equal(JSON.parse(shown.payload!).id, asked.body.id);
    await post(`/events/${event.id}/questions/${bens.id}/hide`, mod.token);

    assert.equal((await post(`/events/${event.id}/questions/${asked.body.id}/vote`, ben.token)).body.votes_count, 1);
    const twice = await post(`/events/${event.id}/questions/${asked.body.id}/vote`, ben.token);
    assert.equal(twice.status, 422);
    assert.match(twice.body.error, /already voted/);
    const votes = await audience.next((f) => f.event === 'event.votes');
    assert.deepEqual(JSON.parse(votes.payload!).counts, { [asked.body.id]: 1 });
    assert.equal((await post(`/events/${event.id}/questions/${bens.id}/vote`, ana.token)).status, 404, 'a hidden question takes no votes');

    assert.equal((await post(`/events/${event.id}/questions/${asked.body.id}/answer`, mod.token, { status: 'No' })).status, 403, 'a moderator does not answer');
    const answered = await post(`/events/${event.id}/questions/${asked.body.id}/answer`, host.token, { status: 'From March: see our site.' });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.equal(answered.body.state, 'answered');
    assert.match(answered.body.answer.content, /From March/);
    const answerPost = (await call(server.url, `/api/v1/statuses/${answered.body.answer.status_id}`)).body;
    assert.equal(answerPost.in_reply_to_id, asked.body.status_id);
    assert.ok(
      answerPost.mentions.some((m: { acct: string }) => m.acct === 'ana'),
      'the answer mentions the asker',
    );
    const live = await audience.next((f) => f.event === 'event.question' && JSON.parse(f.payload!).state === 'answered');
    assert.match(JSON.parse(live.payload!).answer.content, /From March/);
    // Ana hears of it in her notifications.
    const anaMasto = createRestAPIClient({ url: server.url, accessToken: ana.token });
    await eventually(async () => (await anaMasto.v1.notifications.list()).find((n) => n.type === 'mention' && n.status?.id === answerPost.id));

    // The audience's stream never carried the hidden or the pending question.
    await server.app.jobs.idle();
    for (const f of audience.frames) if (f.event === 'event.question') assert.notEqual(JSON.parse(f.payload!).id, bens.id);
    const audienceIds = audience.frames.filter((f) => f.event === 'event.question').map((f) => JSON.parse(f.payload!).state);
    assert.ok(!audienceIds.includes('pending') && !audienceIds.includes('hidden'));
    audience.ws.close();
    staff.ws.close();
  });

  it('applies blocks, announces in every language of the event, and streams over server-sent events too', async () => {
    const [host, troll, reader] = [await signUp(server.url, 'host3'), await signUp(server.url, 'troll'), await signUp(server.url, 'reader3')];
    const event = await qa(host.token, {
      premoderated: false,
      hashtag: 'Bilingual',
      language: 'en',
      translations: [{ language: 'fr', title: 'Demandez à l’ambassadrice', description: 'Visas, commerce et culture.' }],
    });
    assert.deepEqual(event.translations, [{ language: 'fr', title: 'Demandez à l’ambassadrice', description: 'Visas, commerce et culture.' }]);
    const french = (await call(server.url, `/api/v1/statuses/${event.announcement_id}?lang=fr`, { token: reader.token })).body;
    assert.match(french.content, /Demandez/, 'the announcement has a French version');

    const trollId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: troll.token })).body.id;
    await call(server.url, `/api/v1/accounts/${trollId}/block`, { method: 'POST', token: host.token });
    assert.equal((await post(`/events/${event.id}/questions`, troll.token, { text: 'Let me in' })).status, 403, 'a blocked account may not ask');

    const sse = await fetch(`${server.url}/api/v1/streaming/event?event=${event.id}`);
    assert.equal(sse.status, 200);
    const reader3 = sse.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const chunk = await reader3.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) return;
        text += decoder.decode(chunk.value);
      }
    })();
    const probe = String(Date.now());
    await eventually(async () => {
      await server.app.bus.publish(channel.event(event.id), JSON.stringify({ event: 'event.question.delete', id: probe }));
      return text.includes(probe);
    });
    const asked = await post(`/events/${event.id}/questions`, reader.token, { text: 'Heard over SSE?' });
    await eventually(async () => text.includes(asked.body.id));
    assert.match(text, /event: event\.question\n/);
    await reader3.cancel();
    assert.equal((await call(server.url, '/api/v1/streaming/event?event=999')).status, 404);
    assert.equal((await call(server.url, '/api/v1/streaming/event')).status, 400);
  });

  it('answers in several languages: each reader gets theirs, over the API and the stream', async () => {
    const [host, asker] = [await signUp(server.url, 'host5'), await signUp(server.url, 'asker5')];
    const event = await qa(host.token, { premoderated: false, hashtag: 'Nine', language: 'en' });
    const thai = await rawSocket(server.url, `?stream=event&event=${event.id}&lang=th`);
    const plain = await rawSocket(server.url, `?stream=event&event=${event.id}`);
    for (const s of [thai, plain]) await hearing(server.app.bus, channel.event(event.id), s);
    const q = await post(`/events/${event.id}/questions`, asker.token, { text: 'Is the embassy open today?' });
    const answered = await post(`/events/${event.id}/questions/${q.body.id}/answer`, host.token, {
      status: 'Yes, until five.',
      language: 'en',
      translations: { th: { status: 'ใช่ จนถึงห้าโมงเย็น' }, fr: { status: 'Oui, jusqu’à cinq heures.' } },
    });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.deepEqual(answered.body.answer.languages, ['en', 'fr', 'th']);
    const french = (await call(server.url, `/api/parley/v1/events/${event.id}/questions/${q.body.id}`, { headers: { 'accept-language': 'fr' } })).body.answer;
    assert.equal(french.language, 'fr');
    assert.match(french.content, /jusqu’à cinq heures/);
    assert.match(french.content, /asker5/, 'each version names the asker');
    const answeredFrame = (s: typeof thai) => s.next((f) => f.event === 'event.question' && JSON.parse(f.payload!).state === 'answered');
    const inThai = JSON.parse((await answeredFrame(thai)).payload!).answer;
    assert.equal(inThai.language, 'th');
    assert.match(inThai.content, /ห้าโมงเย็น/);
    assert.equal(JSON.parse((await answeredFrame(plain)).payload!).answer.language, 'en');
    for (const s of [thai, plain]) s.ws.close();
  });

  it('tells open screens when the event starts and ends', async () => {
    const host = await signUp(server.url, 'host4');
    const event = await qa(host.token, { hashtag: 'Soon', starts_at: new Date(Date.now() + 1500).toISOString(), ends_at: new Date(Date.now() + 3500).toISOString() });
    assert.equal(event.state, 'upcoming');
    const socket = await rawSocket(server.url, `?stream=event&event=${event.id}`);
    await hearing(server.app.bus, channel.event(event.id), socket);
    const states = async (state: string) => JSON.parse((await socket.next((f) => f.event === 'event.changed' && JSON.parse(f.payload!).state === state, 10_000)).payload!);
    assert.equal((await states('live')).id, event.id);
    assert.equal((await states('ended')).answered_count, 0);
    socket.ws.close();
  });

  it('refuses bad input with clear errors', async () => {
    const [host, cid] = [await signUp(server.url, 'host2'), await signUp(server.url, 'cid')];
    const bad = await post('/events', host.token, { kind: 'qa', title: '', starts_at: 'soon', ends_at: new Date().toISOString(), hashtag: 'no spaces' });
    assert.equal(bad.status, 422);
    const backwards = await post('/events', host.token, { kind: 'qa', title: 'x', starts_at: new Date(Date.now() + hour).toISOString(), ends_at: new Date().toISOString(), hashtag: 'ok' });
    assert.equal(backwards.status, 422);
    assert.ok(backwards.body.details.ends_at);
    assert.equal((await post('/events', '', { kind: 'qa' })).status, 401);

    const event = await qa(host.token, { premoderated: false, hashtag: 'Second' });
    const long = await post(`/events/${event.id}/questions`, cid.token, { text: 'x'.repeat(600) });
    assert.equal(long.status, 422, 'oversized text');
    const q = await post(`/events/${event.id}/questions`, cid.token, { text: 'Open at once?' });
    assert.equal(q.body.state, 'approved', 'not premoderated');
    assert.equal((await get(`/events/${event.id}/questions/999`)).status, 404);
    assert.equal((await get('/events/123')).status, 404);
    assert.equal((await post(`/events/${event.id}/end`, cid.token)).status, 403);
    assert.equal((await post(`/events/${event.id}/end`, host.token)).body.state, 'ended');
    const late = await post(`/events/${event.id}/questions`, cid.token, { text: 'Too late?' });
    assert.equal(late.status, 422);
    assert.match(late.body.error, /ended/);
    assert.equal((await post(`/events/${event.id}/questions/${q.body.id}/vote`, cid.token)).status, 422, 'no votes after the end');
    // Audience asking for states it may not see gets none of them.
    const hiddenOnly = await get(`/events/${event.id}/questions?state[]=hidden`);
    assert.equal(hiddenOnly.status, 200);
    assert.deepEqual(hiddenOnly.body, []);
    const flood = await qa(host.token, { premoderated: false, hashtag: 'Third' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await post(`/events/${flood.id}/questions`, cid.token, { text: `Question ${i}` })).status);
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 429]);
  });
});
