// Open home and list streams hear statuses on their authors' channels and decide in memory which
// to show. What they show must be what the home and list timelines show: replies to others only
// when following them (or by the list's policy), reblogs as the follow allows, chosen languages,
// never a reblog of one's own post, one's own posts always, direct messages to their recipients.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../../helpers/http.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { about, channel, hiding, listening, rawSocket, updateIds, type RawSocket } from '../../helpers/streaming.ts';
import { eventually } from '../../helpers/wait.ts';

interface Person {
  token: string;
  id: string;
  name: string;
}

describe('home and list streams follow the timelines’ rules', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  /** Each test's own people: a viewer who follows Anna, and Ben (no reblogs, English only); nobody follows Carl. */
  async function cast(tag: string): Promise<Record<'viewer' | 'anna' | 'ben' | 'carl', Person>> {
    const who = {} as Record<'viewer' | 'anna' | 'ben' | 'carl', Person>;
    for (const role of ['viewer', 'anna', 'ben', 'carl'] as const) {
      const name = `${role}${tag}`;
      const { token } = await signUp(server.url, name);
      who[role] = { token, name, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    const follow = (json: Record<string, unknown>, target: Person) => call(server.url, `/api/v1/accounts/${target.id}/follow`, { method: 'POST', token: who.viewer.token, json });
    await follow({}, who.anna);
    await follow({ reblogs: false, languages: ['en'] }, who.ben);
    await server.app.jobs.idle();
    return who;
  }

  const post = async (who: Person, json: Record<string, unknown>) => (await call(server.url, '/api/v1/statuses', { token: who.token, json })).body.id as string;
  const reblog = async (who: Person, id: string) => (await call(server.url, `/api/v1/statuses/${id}/reblog`, { method: 'POST', token: who.token })).body.id as string;
  const openStream = (who: Person, query: string) => rawSocket(server.url, `?${query}`, [who.token]);
  /** Subscribing sends no reply: resolves once the socket hears each of these channels. */
  const hears = async (socket: RawSocket, channels: string[]) => {
    for (const on of channels) await listening(server.app.bus, on, socket);
  };
  const isUpdate = (id: string) => (f: { event?: string; payload?: string }) => f.event === 'update' && about(id)(f);

  it('shows on the user stream exactly what the home timeline shows', async () => {
    const { viewer, anna, ben, carl } = await cast('one');
    const home = await openStream(viewer, 'stream=user');
    const list = (await call(server.url, '/api/v1/lists', { method: 'POST', token: viewer.token, json: { title: 'Anna', replies_policy: 'list' } })).body;
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: viewer.token, json: { account_ids: [anna.id] } });
    const listStream = await openStream(viewer, `stream=list&list=${list.id}`);
    await hears(home, [channel.user(viewer.id), ...[viewer, anna, ben].map((p) => channel.author(p.id))]);
    await hears(listStream, [channel.author(anna.id)]);

    const fromCarl = await post(carl, { status: 'Carl, not followed' });
    const fromBen = await post(ben, { status: 'Ben in English', language: 'en' });
    const expected = {
      annaOriginal: await post(anna, { status: 'Anna speaks' }),
      annaToBen: await post(anna, { status: 'Anna answers Ben', in_reply_to_id: fromBen }),
      annaThread: '',
      annaBoostsCarl: await reblog(anna, fromCarl),
      benEnglish: fromBen,
      own: await post(viewer, { status: 'My own post' }),
      direct: await post(anna, { status: `@${viewer.name} just for you`, visibility: 'direct' }),
    };
    expected.annaThread = await post(anna, { status: 'Anna continues', in_reply_to_id: expected.annaOriginal });
    const hidden = {
      annaToCarl: await post(anna, { status: 'Anna answers Carl', in_reply_to_id: fromCarl }),
      benGerman: await post(ben, { status: 'Ben auf Deutsch', language: 'de' }),
      benBoost: await reblog(ben, expected.annaOriginal),
      annaBoostsMine: await reblog(anna, expected.own),
      carl: fromCarl,
    };
    await server.app.jobs.idle();
    // Sentinels, once all the above is published: a stream delivers each channel's messages in
    // order, so once it has Anna's and Ben's last posts, what it left out before them stays out.
    const last = [await post(anna, { status: 'Anna, last' }), await post(ben, { status: 'Ben, last', language: 'en' })];
    await server.app.jobs.idle();
    const shown = [...Object.values(expected), ...last];

    await eventually(async () => shown.every((id) => updateIds(home).includes(id)), 5000, 'every expected status on the stream');
    const timeline = (await call(server.url, '/api/v1/timelines/home?limit=40', { token: viewer.token })).body.map((s: { id: string }) => s.id) as string[];
    assert.deepEqual([...updateIds(home)].sort(), [...timeline].sort(), 'the stream and the timeline agree');
    assert.deepEqual([...timeline].sort(), [...shown].sort());
    for (const [what, id] of Object.entries(hidden)) assert.ok(!updateIds(home).includes(id), `${what} stays off the stream`);

    // The list (replies to members only) shows Anna's posts but not her reply to Ben, nor the
    // direct message. All its members' posts come on Anna's channel, her last one after them.
    await listStream.next(isUpdate(last[0]!));
    const listTimeline = (await call(server.url, `/api/v1/timelines/list/${list.id}`, { token: viewer.token })).body.map((s: { id: string }) => s.id) as string[];
    assert.deepEqual([...updateIds(listStream)].sort(), [...listTimeline].sort(), 'the list stream and the list timeline agree');
    assert.ok(!listTimeline.includes(expected.annaToBen) && !listTimeline.includes(expected.direct));

    // A new replies policy applies to the open list stream at once. Ben joins the list after it:
    // once the stream hears his channel, it has read the list again, the new policy with it.
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: viewer.token, json: { replies_policy: 'followed' } });
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: viewer.token, json: { account_ids: [ben.id] } });
    await hears(listStream, [channel.author(ben.id)]);
    const again = await post(anna, { status: 'Anna answers Ben again', in_reply_to_id: fromBen });
    await listStream.next(isUpdate(again));
    home.ws.close();
    listStream.ws.close();
  });

  it('tells the streams of an edit and a deletion, and of a deleted status their reblogs carried', async () => {
    const { viewer, anna, carl } = await cast('two');
    const home = await openStream(viewer, 'stream=user');
    await hears(home, [channel.author(anna.id)]);
    const fromCarl = await post(carl, { status: 'Carl again' });
    const boost = await reblog(anna, fromCarl);
    const own = await post(anna, { status: 'Anna, first draft' });
    await home.next(isUpdate(boost));
    await home.next(isUpdate(own));
    await call(server.url, `/api/v1/statuses/${own}`, { method: 'PUT', token: anna.token, json: { status: 'Anna, second draft' } });
    await call(server.url, `/api/v1/statuses/${fromCarl}`, { method: 'DELETE', token: carl.token });
    await home.next((f) => f.event === 'status.update' && about(own)(f));
    // Carl is not followed: the viewer saw his post through Anna's reblog, and hears it go.
    await home.next((f) => f.event === 'delete' && about(fromCarl)(f));
    home.ws.close();
  });

  it('shows a muted account again when a timed mute ends, without reconnecting', async () => {
    const { viewer, anna } = await cast('three');
    const home = await openStream(viewer, 'stream=user');
    await hears(home, [channel.author(anna.id)]);
    await call(server.url, `/api/v1/accounts/${anna.id}/mute`, { method: 'POST', token: viewer.token, json: { duration: 2 } });
    await hiding(server.app.bus, channel.user(viewer.id), home, anna.id);
    const during = await post(anna, { status: 'Said while muted' });
    await server.app.jobs.idle();
    // The mute runs out by the clock, and the open stream, told by its own timer, shows Anna again.
    await hiding(server.app.bus, channel.user(viewer.id), home, anna.id, false);
    const afterwards = await post(anna, { status: 'Said once the mute is over' });
    await home.next(isUpdate(afterwards));
    // Both came on Anna's channel, in order: what was said during the mute was left out.
    assert.ok(!updateIds(home).includes(during), 'nothing from the time of the mute');
    home.ws.close();
  });
});
