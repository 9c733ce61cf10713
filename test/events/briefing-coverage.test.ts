// A press briefing (only accredited participants ask; raised hands are called on in order; a
// follow-up attaches to an answer), live coverage (updates posted through the API and by replying
// from any app), and the moderators' other tools: merging duplicates (votes move, a voter of both
// counts once), prepared answers released later, and questions withdrawn by their authors or by
// deleting their posts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from '../helpers/http.ts';
import { png } from '../helpers/media-fixtures.ts';
import { type Person, signedUp } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, rawSocket } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';
import { hearing } from './helpers.ts';

describe('events: briefings, coverage and moderation', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  const post = (path: string, who: Person, json: Record<string, unknown> = {}) => call(server.url, `/api/parley/v1${path}`, { method: 'POST', token: who.token, json });
  const del = (path: string, who: Person) => call(server.url, `/api/parley/v1${path}`, { method: 'DELETE', token: who.token });
  const get = (path: string, who?: Person) => call(server.url, `/api/parley/v1${path}`, who ? { token: who.token } : {});
  async function create(who: Person, kind: string, hashtag: string, extra: Record<string, unknown> = {}) {
    const made = await post('/events', who, {
      kind,
      title: `A ${kind}`,
      starts_at: new Date(Date.now() - 1000).toISOString(),
      ends_at: new Date(Date.now() + 3600_000).toISOString(),
      hashtag,
      ...extra,
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body as { id: string; announcement_id: string };
  }

  it('a briefing: accreditation, raised hands, follow-ups', async () => {
    const [minister, press1, press2, public1] = await Promise.all(['minister', 'press1', 'press2', 'public1'].map((n) => signedUp(server.url, n)));
    const event = await create(minister!, 'briefing', 'Briefing1', { premoderated: false });
    const watching = await rawSocket(server.url, `?stream=event&event=${event.id}`);
    await hearing(server.app.bus, channel.event(event.id), watching);
    for (const p of [press1!, press2!]) assert.equal((await post(`/events/${event.id}/participants`, minister!, { acct: p.name, role: 'participant' })).status, 200);
    // Screens hear whose role changed (the stream's event is the audience's: those named read theirs again).
    const changed = await watching.next((f) => f.event === 'event.changed' && JSON.parse(f.payload!).roles_changed.includes(press2!.id));
    assert.equal(JSON.parse(changed.payload!).role, null);
    watching.ws.close();
    assert.equal((await post(`/events/${event.id}/participants`, minister!, { acct: 'nobody_here', role: 'participant' })).status, 404);
    const participants = (await get(`/events/${event.id}/participants`)).body as { account: { acct: string }; role: string }[];
    assert.deepEqual(participants.map((p) => [p.account.acct, p.role]).sort(), [
      ['press1', 'participant'],
      ['press2', 'participant'],
    ]);

    const refused = await post(`/events/${event.id}/questions`, public1!, { text: 'May I ask?' });
    assert.equal(refused.status, 403, 'not accredited');
    assert.match(refused.body.error, /accredited/);
    // A reply to the announcement from anyone else is not taken either.
    const stray = await public1!.masto.v1.statuses.create({ status: 'Answer me!', inReplyToId: event.announcement_id, visibility: 'public' });
    await server.app.jobs.idle();
    assert.ok(!(await get(`/events/${event.id}/questions`, minister)).body.some((q: { status_id: string }) => q.status_id === stray.id));

    // Hands: raised in order, called on, only by participants, seen by the staff.
    assert.equal((await post(`/events/${event.id}/hand`, public1!)).status, 403);
    await post(`/events/${event.id}/hand`, press2!);
    await post(`/events/${event.id}/hand`, press1!);
    assert.deepEqual(
      ((await get(`/events/${event.id}/hands`, minister)).body as { account: { acct: string } }[]).map((h) => h.account.acct),
      ['press2', 'press1'],
    );
    assert.equal((await get(`/events/${event.id}/hands`, press1)).status, 403);
    const own = async (who: Person) => (await get(`/events/${event.id}`, who)).body.hand;
    assert.equal((await own(press2!)).called_at, null, 'a participant sees their own hand up');
    assert.equal(await own(public1!), null);
    const called = await post(`/events/${event.id}/hands/${press2!.id}/call`, minister!);
    assert.ok(called.body.called_at);
    assert.equal((await own(press2!)).called_at, called.body.called_at, 'and that they were called on');
    // The list reads each event's role and the viewer's hand together: the same as the event alone.
    const listed = (await get(`/events?account_id=${minister!.id}`, press2)).body as { id: string; role: string; hand: { called_at: string } | null }[];
    const mine = listed.find((e) => e.id === event.id)!;
    assert.equal(mine.role, 'participant');
    assert.equal(mine.hand?.called_at, called.body.called_at);
    assert.equal(((await get(`/events?account_id=${minister!.id}`, minister)).body as { role: string }[])[0]!.role, 'host');
    assert.deepEqual(
      ((await get(`/events/${event.id}/hands`, minister)).body as { account: { acct: string } }[]).map((h) => h.account.acct),
      ['press1', 'press2'],
      'called on: after those waiting',
    );

    const q = await post(`/events/${event.id}/questions`, press2!, { text: 'When will the border reopen?' });
    assert.equal(q.status, 200, JSON.stringify(q.body));
    assert.equal((await post(`/events/${event.id}/questions`, press2!, { text: 'Follow?', follow_up_of: q.body.id })).status, 422, 'no follow-up before an answer');
    const answer = await post(`/events/${event.id}/questions/${q.body.id}/answer`, minister!, { status: 'Next Monday.' });
    const followUp = await post(`/events/${event.id}/questions`, press2!, { text: 'Which crossings?', follow_up_of: q.body.id });
    assert.equal(followUp.status, 200, JSON.stringify(followUp.body));
    assert.equal(followUp.body.follow_up_of_id, q.body.id);
    const followPost = (await call(server.url, `/api/v1/statuses/${followUp.body.status_id}`)).body;
    assert.equal(followPost.in_reply_to_id, answer.body.answer.status_id, 'a follow-up replies to the answer');
    // A participant's reply to the answer from any app is a follow-up too.
    const viaApp = await press1!.masto.v1.statuses.create({ status: 'And the airports?', inReplyToId: answer.body.answer.status_id, visibility: 'public' });
    const taken = await eventually(async () => (await get(`/events/${event.id}/questions`, minister)).body.find((x: { status_id: string }) => x.status_id === viaApp.id));
    assert.equal(taken.follow_up_of_id, q.body.id);
  });

  it('live coverage: updates posted through the API and by replying, streamed to readers', async () => {
    const [desk, reader] = await Promise.all(['desk', 'reader'].map((n) => signedUp(server.url, n)));
    const event = await create(desk!, 'coverage', 'Visit2026');
    const socket = await rawSocket(server.url, `?stream=event&event=${event.id}`);
    await hearing(server.app.bus, channel.event(event.id), socket);
    const first = await post(`/events/${event.id}/updates`, desk!, { status: 'The delegation has landed.' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.in_reply_to_id, event.announcement_id);
    const heard = await socket.next((f) => f.event === 'event.update');
    assert.equal(JSON.parse(heard.payload!).id, first.body.id);
    const fromApp = await desk!.masto.v1.statuses.create({ status: 'Talks begin at noon.', inReplyToId: event.announcement_id, visibility: 'public' });
    await eventually(async () => (await get(`/events/${event.id}/updates`)).body.length === 2 && true);
    assert.deepEqual(
      (await get(`/events/${event.id}/updates`)).body.map((s: { id: string }) => s.id),
      [fromApp.id, first.body.id],
    );
    assert.equal((await post(`/events/${event.id}/updates`, reader!, { status: 'me too' })).status, 403);
    assert.equal((await post(`/events/${event.id}/questions`, reader!, { text: 'A question?' })).status, 422, 'coverage takes no questions');
    socket.ws.close();
  });

  it('merges duplicates, releases prepared answers, and withdraws questions', async () => {
    const [host, v1, v2, v3] = await Promise.all(['qhost', 'v1', 'v2', 'v3'].map((n) => signedUp(server.url, n)));
    const event = await create(host!, 'qa', 'Merges', { premoderated: false });
    const ask = async (who: Person, text: string) => (await post(`/events/${event.id}/questions`, who, { text })).body as { id: string; status_id: string };
    const [keep, dup] = [await ask(v1!, 'Is the museum free?'), await ask(v2!, 'Does the museum cost anything?')];
    for (const who of [v2!, v3!]) await post(`/events/${event.id}/questions/${keep.id}/vote`, who);
    for (const who of [v3!, host!]) await post(`/events/${event.id}/questions/${dup.id}/vote`, who);
    assert.equal((await post(`/events/${event.id}/questions/${dup.id}/merge`, v1!, { into_id: keep.id })).status, 403);
    const merged = await post(`/events/${event.id}/questions/${dup.id}/merge`, host!, { into_id: keep.id });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal(merged.body.votes_count, 3, 'v2, v3 and the host: v3 counted once');
    assert.equal((await get(`/events/${event.id}/questions/${dup.id}`, host)).body.merged_into_id, keep.id);
    assert.equal((await get(`/events/${event.id}/questions/${dup.id}`)).status, 404, 'the audience no longer sees the duplicate');

    // A prepared answer with a picture, released later.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'hours.png');
    const upload = await call(server.url, '/api/v2/media', { method: 'POST', token: host!.token, body: form });
    const media = await eventually(async () => {
      const r = await call(server.url, `/api/v1/media/${upload.body.id}`, { token: host!.token });
      return r.status === 200 && r.body;
    });
    const prepared = await post(`/events/${event.id}/questions/${keep.id}/answer`, host!, {
      status: 'Free on Sundays.',
      language: 'en',
      translations: { fr: { status: 'Gratuit le dimanche.' } },
      release: false,
      media_ids: [media.id],
    });
    assert.equal(prepared.body.state, 'approved');
    assert.equal((await get(`/events/${event.id}/questions/${keep.id}`, host)).body.answer.draft, 'Free on Sundays.');
    assert.equal((await get(`/events/${event.id}/questions/${keep.id}`)).body.answer, null, 'the audience does not see a prepared answer');
    const released = await post(`/events/${event.id}/questions/${keep.id}/answer/release`, host!);
    assert.equal(released.body.state, 'answered');
    const shownAnswer = (await get(`/events/${event.id}/questions/${keep.id}`)).body.answer;
    assert.match(shownAnswer.content, /Free on Sundays/);
    assert.equal(shownAnswer.media_attachments.length, 1, 'the answer carries its picture');
    assert.equal(shownAnswer.media_attachments[0].id, media.id);
    // Its version in another language was kept while it waited.
    assert.deepEqual(shownAnswer.languages, ['en', 'fr']);
    const french = (await call(server.url, `/api/parley/v1/events/${event.id}/questions/${keep.id}`, { headers: { 'accept-language': 'fr' } })).body.answer;
    assert.match(french.content, /Gratuit le dimanche/);
    assert.equal((await post(`/events/${event.id}/questions/${keep.id}/answer/release`, host!)).status, 422, 'released already');

    const gone = await ask(v3!, 'Never mind');
    assert.equal((await del(`/events/${event.id}/questions/${gone.id}`, v2!)).status, 403, 'only its author withdraws it');
    assert.equal((await del(`/events/${event.id}/questions/${gone.id}`, v3!)).status, 200);
    assert.equal((await get(`/events/${event.id}/questions/${gone.id}`, host)).body.state, 'withdrawn');
    assert.equal((await call(server.url, `/api/v1/statuses/${gone.status_id}`)).status, 404, 'its post is deleted');
    // Deleting the post (from any app) withdraws it too.
    const other = await ask(v2!, 'Another thought');
    await v2!.masto.v1.statuses.$select(other.status_id).remove();
    await eventually(async () => (await get(`/events/${event.id}/questions/${other.id}`, host)).body.state === 'withdrawn');
  });
});
