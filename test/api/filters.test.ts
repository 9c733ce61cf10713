// Filters (v2): made with masto.js, applied to timelines and threads (hide drops, warn marks), kept
// per user, and announced on the user's stream (filters_changed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import WebSocket from 'ws';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, deletes, listening } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';

describe('filters', () => {
  let server: TestServer;
  let reader: Awaited<ReturnType<typeof signUp>>;
  let writer: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    server = await startServer();
    [reader, writer] = [await signUp(server.url, 'reader'), await signUp(server.url, 'writer')];
    const writerId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: writer.token })).body.id;
    await call(server.url, `/api/v1/accounts/${writerId}/follow`, { method: 'POST', token: reader.token });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const home = async () =>
    (await call(server.url, '/api/v1/timelines/home', { token: reader.token })).body as { id: string; filtered?: { filter: { title: string }; keyword_matches: string[] | null }[] }[];

  it('hides and warns in the home timeline, whole words only when asked, never the viewer’s own posts', async () => {
    const masto = createRestAPIClient({ url: server.url, accessToken: reader.token });
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, [reader.token]);
    const frames: { event: string; payload?: string }[] = [];
    socket.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));

    const hide = await masto.v2.filters.create({ title: 'No spoilers', context: ['home', 'public'], filterAction: 'hide', keywordsAttributes: [{ keyword: 'finale', wholeWord: true }] });
    assert.equal(hide.filterAction, 'hide');
    assert.deepEqual(
      hide.keywords?.map((k) => k.keyword),
      ['finale'],
    );
    await eventually(async () => frames.find((f) => f.event === 'filters_changed'), 5000, 'filters_changed');
    assert.equal(frames.find((f) => f.event === 'filters_changed')!.payload, undefined, 'no payload, as Mastodon');
    const warn = await masto.v2.filters.create({ title: 'Elections', context: ['home'], filterAction: 'warn', keywordsAttributes: [{ keyword: 'poll', wholeWord: false }] });

    const spoiler = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'The FINALE was wild' } });
    const finales = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'All the finales ranked' } });
    const polling = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'New polling numbers' } });
    const own = await call(server.url, '/api/v1/statuses', { token: reader.token, json: { status: 'my own finale thoughts' } });
    await server.app.jobs.idle();
    const list = await home();
    const ids = list.map((s) => s.id);
    assert.ok(!ids.includes(spoiler.body.id), 'hidden: the whole word, any case');
    assert.ok(ids.includes(finales.body.id), '"finales" is another word');
    assert.ok(ids.includes(own.body.id), 'own posts are never filtered');
    const marked = list.find((s) => s.id === polling.body.id)!;
    assert.equal(marked.filtered?.[0]?.filter.title, 'Elections');
    assert.deepEqual(marked.filtered?.[0]?.keyword_matches, ['poll']);
    assert.deepEqual(list.find((s) => s.id === finales.body.id)!.filtered, []);
    // Only the reader's filters: the writer sees everything.
    const writerHome = (await call(server.url, '/api/v1/timelines/home', { token: writer.token })).body as { id: string }[];
    assert.ok(writerHome.some((s) => s.id === spoiler.body.id));

    // Edited and removed through the API, the filters stop applying.
    const updated = await masto.v2.filters.$select(warn.id).update({ title: 'Polls', keywordsAttributes: [{ id: warn.keywords![0]!.id, _destroy: true }, { keyword: 'numbers' }] });
    assert.deepEqual(
      updated.keywords?.map((k) => k.keyword),
      ['numbers'],
    );
    await masto.v2.filters.$select(hide.id).remove();
    const after = await home();
    assert.ok(after.some((s) => s.id === spoiler.body.id));
    assert.deepEqual(after.find((s) => s.id === polling.body.id)!.filtered?.[0]?.keyword_matches, ['numbers']);
    assert.equal((await masto.v2.filters.list()).length, 1);
    socket.close();
  });

  it('filters a listed status in threads, and answers bad input clearly', async () => {
    const root = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'Question' } });
    const answer = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'An answer', in_reply_to_id: root.body.id } });
    const f = await call(server.url, '/api/v2/filters', { token: reader.token, json: { title: 'That answer', context: ['thread'], filter_action: 'hide' } });
    const listed = await call(server.url, `/api/v2/filters/${f.body.id}/statuses`, { token: reader.token, json: { status_id: answer.body.id } });
    assert.equal(listed.body.status_id, answer.body.id);
    const thread = await call(server.url, `/api/v1/statuses/${root.body.id}/context`, { token: reader.token });
    assert.deepEqual(thread.body.descendants, []);
    // Mastodon answers the removal with an empty object (the description's FilterStatus is relaxed to it in conformance.ts).
    const removed = await call(server.url, `/api/v2/filters/statuses/${listed.body.id}`, { method: 'DELETE', token: reader.token });
    assert.deepEqual([removed.status, removed.body], [200, {}]);
    assert.deepEqual(server.problems, []);

    const bad = await call(server.url, '/api/v2/filters', { token: reader.token, json: { title: '', context: ['nowhere'], filter_action: 'explode' } });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.details).sort(), ['context', 'filter_action', 'title']);
    assert.equal((await call(server.url, '/api/v2/filters/123456', { token: reader.token })).status, 404);
    assert.equal((await call(server.url, `/api/v2/filters/${f.body.id}`, { token: writer.token })).status, 404, 'another user’s filter does not exist for them');
    assert.equal((await call(server.url, '/api/v2/filters')).status, 401);
  });

  it('applies filters to streamed statuses too: hide drops, warn marks', async () => {
    await call(server.url, '/api/v2/filters', { token: reader.token, json: { title: 'Weather', context: ['home'], filter_action: 'warn', keywords_attributes: [{ keyword: 'rain' }] } });
    await call(server.url, '/api/v2/filters', { token: reader.token, json: { title: 'Sport', context: ['home'], filter_action: 'hide', keywords_attributes: [{ keyword: 'match' }] } });
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, [reader.token]);
    const frames: { event: string; payload?: string }[] = [];
    socket.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    const writerId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: writer.token })).body.id as string;
    await listening(server.app.bus, channel.author(writerId), (probe) => frames.some(deletes(probe)));
    const sport = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'The match starts now' } });
    const rain = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'Rain expected tomorrow' } });
    const plain = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'Nothing special' } });
    await eventually(async () => frames.some((f) => f.event === 'update' && JSON.parse(f.payload!).id === plain.body.id), 10_000, 'the plain post');
    await server.app.jobs.idle();
    const updates = frames.filter((f) => f.event === 'update').map((f) => JSON.parse(f.payload!));
    assert.ok(!updates.some((u) => u.id === sport.body.id), 'hidden from the stream');
    assert.equal(updates.find((u) => u.id === rain.body.id)?.filtered?.[0]?.filter.title, 'Weather');
    assert.equal(updates.find((u) => u.id === plain.body.id)?.filtered, undefined);
    socket.close();
  });

  it('leaves out notifications about statuses a notifications filter hides', async () => {
    await call(server.url, '/api/v2/filters', { token: reader.token, json: { title: 'Quiet', context: ['notifications'], filter_action: 'hide', keywords_attributes: [{ keyword: 'giveaway' }] } });
    const spam = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: '@reader free giveaway inside' } });
    const real = await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: '@reader a real question' } });
    await server.app.jobs.idle();
    const mentions = (await call(server.url, '/api/v1/notifications?types[]=mention', { token: reader.token })).body as { status: { id: string } }[];
    assert.ok(mentions.some((n) => n.status.id === real.body.id));
    assert.ok(!mentions.some((n) => n.status.id === spam.body.id));
  });
});
