// Open home and list streams hear statuses on their authors' channels and decide in memory which
// to show. What they show must be what the home and list timelines show: replies to others only
// when following them (or by the list's policy), reblogs as the follow allows, chosen languages,
// never a reblog of one's own post, one's own posts always, direct messages to their recipients.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

interface Frame {
  stream?: string[];
  event?: string;
  payload?: string;
}

async function openStream(url: string, token: string, query: string): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/streaming?${query}`, [token]);
  const frames: Frame[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Frame));
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  return { ws, frames };
}

/** Ids of the statuses shown by `update` frames (a reblog shows as itself, as in timelines). */
const updates = (frames: Frame[]) => frames.filter((f) => f.event === 'update').map((f) => (JSON.parse(f.payload!) as { id: string }).id);

describe('home and list streams follow the timelines’ rules', () => {
  let server: TestServer;
  const who: Record<string, { token: string; id: string }> = {};

  before(async () => {
    server = await startServer();
    for (const name of ['viewer', 'anna', 'ben', 'carl']) {
      const { token } = await signUp(server.url, name);
      who[name] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    const follow = (json: Record<string, unknown>, target: string) => call(server.url, `/api/v1/accounts/${who[target]!.id}/follow`, { method: 'POST', token: who.viewer!.token, json });
    await follow({}, 'anna');
    await follow({ reblogs: false, languages: ['en'] }, 'ben');
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const post = async (name: string, json: Record<string, unknown>) => (await call(server.url, '/api/v1/statuses', { token: who[name]!.token, json })).body.id as string;
  const reblog = async (name: string, id: string) => (await call(server.url, `/api/v1/statuses/${id}/reblog`, { method: 'POST', token: who[name]!.token })).body.id as string;

  it('shows on the user stream exactly what the home timeline shows', async () => {
    const home = await openStream(server.url, who.viewer!.token, 'stream=user');
    const list = (await call(server.url, '/api/v1/lists', { method: 'POST', token: who.viewer!.token, json: { title: 'Anna', replies_policy: 'list' } })).body;
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: who.viewer!.token, json: { account_ids: [who.anna!.id] } });
    const listStream = await openStream(server.url, who.viewer!.token, `stream=list&list=${list.id}`);
    await new Promise((r) => setTimeout(r, 200));

    const fromCarl = await post('carl', { status: 'Carl, not followed' });
    const fromBen = await post('ben', { status: 'Ben in English', language: 'en' });
    const expected = {
      annaOriginal: await post('anna', { status: 'Anna speaks' }),
      annaToBen: await post('anna', { status: 'Anna answers Ben', in_reply_to_id: fromBen }),
      annaThread: '',
      annaBoostsCarl: await reblog('anna', fromCarl),
      benEnglish: fromBen,
      own: await post('viewer', { status: 'My own post' }),
      direct: await post('anna', { status: `@viewer just for you`, visibility: 'direct' }),
    };
    expected.annaThread = await post('anna', { status: 'Anna continues', in_reply_to_id: expected.annaOriginal });
    const hidden = {
      annaToCarl: await post('anna', { status: 'Anna answers Carl', in_reply_to_id: fromCarl }),
      benGerman: await post('ben', { status: 'Ben auf Deutsch', language: 'de' }),
      benBoost: await reblog('ben', expected.annaOriginal),
      annaBoostsMine: await reblog('anna', expected.own),
      carl: fromCarl,
    };
    await server.app.jobs.idle();

    const timeline = (await call(server.url, '/api/v1/timelines/home?limit=40', { token: who.viewer!.token })).body.map((s: { id: string }) => s.id) as string[];
    await eventually(async () => Object.values(expected).every((id) => updates(home.frames).includes(id)), 5000, 'every expected status on the stream');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual([...updates(home.frames)].sort(), [...timeline].sort(), 'the stream and the timeline agree');
    assert.deepEqual([...timeline].sort(), Object.values(expected).sort());
    for (const [what, id] of Object.entries(hidden)) assert.ok(!updates(home.frames).includes(id), `${what} stays off the stream`);

    // The list (replies to members only) shows Anna's posts but not her reply to Ben, nor the direct message.
    const listTimeline = (await call(server.url, `/api/v1/timelines/list/${list.id}`, { token: who.viewer!.token })).body.map((s: { id: string }) => s.id) as string[];
    await eventually(async () => updates(listStream.frames).includes(expected.annaThread), 5000, 'the list stream');
    assert.deepEqual([...updates(listStream.frames)].sort(), [...listTimeline].sort(), 'the list stream and the list timeline agree');
    assert.ok(!listTimeline.includes(expected.annaToBen) && !listTimeline.includes(expected.direct));

    // A new replies policy applies to the open list stream at once.
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: who.viewer!.token, json: { replies_policy: 'followed' } });
    await new Promise((r) => setTimeout(r, 200));
    const again = await post('anna', { status: 'Anna answers Ben again', in_reply_to_id: fromBen });
    await eventually(async () => updates(listStream.frames).includes(again), 5000, 'a reply to a followed account, once the policy allows it');
    home.ws.close();
    listStream.ws.close();
  });

  it('tells the streams of an edit and a deletion, and of a deleted status their reblogs carried', async () => {
    const home = await openStream(server.url, who.viewer!.token, 'stream=user');
    await new Promise((r) => setTimeout(r, 200));
    const fromCarl = await post('carl', { status: 'Carl again' });
    const boost = await reblog('anna', fromCarl);
    const own = await post('anna', { status: 'Anna, first draft' });
    await server.app.jobs.idle();
    await eventually(async () => updates(home.frames).includes(boost) && updates(home.frames).includes(own), 5000, 'both on the stream');
    await call(server.url, `/api/v1/statuses/${own}`, { method: 'PUT', token: who.anna!.token, json: { status: 'Anna, second draft' } });
    await call(server.url, `/api/v1/statuses/${fromCarl}`, { method: 'DELETE', token: who.carl!.token });
    await server.app.jobs.idle();
    await eventually(async () => home.frames.some((f) => f.event === 'status.update' && (JSON.parse(f.payload!) as { id: string }).id === own), 5000, 'the edit');
    // Carl is not followed: the viewer saw his post through Anna's reblog, and hears it go.
    await eventually(async () => home.frames.some((f) => f.event === 'delete' && f.payload === fromCarl), 5000, 'the deletion');
    home.ws.close();
  });

  it('shows a muted account again when a timed mute ends, without reconnecting', async () => {
    const home = await openStream(server.url, who.viewer!.token, 'stream=user');
    await call(server.url, `/api/v1/accounts/${who.anna!.id}/mute`, { method: 'POST', token: who.viewer!.token, json: { duration: 1 } });
    await new Promise((r) => setTimeout(r, 200));
    const during = await post('anna', { status: 'Said while muted' });
    await server.app.jobs.idle();
    await new Promise((r) => setTimeout(r, 1200));
    const afterwards = await post('anna', { status: 'Said once the mute is over' });
    await eventually(async () => updates(home.frames).includes(afterwards), 5000, 'the post after the mute ended');
    assert.ok(!updates(home.frames).includes(during), 'nothing from the time of the mute');
    home.ws.close();
  });
});
