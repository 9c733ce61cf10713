// Hybrid fan-out: posts of accounts above the follower threshold are not pushed into feeds but
// pulled when followers read their home timeline, and reach their open streams through the author.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('hybrid fan-out (pull threshold 2 followers)', () => {
  let server: TestServer;
  let star: Awaited<ReturnType<typeof signUp>>;
  let fans: Awaited<ReturnType<typeof signUp>>[];
  let outsider: Awaited<ReturnType<typeof signUp>>;
  let starId: string;

  before(async () => {
    server = await startServer({ PARLEY_FANOUT_PULL_THRESHOLD: '2' });
    star = await signUp(server.url, 'star');
    fans = [await signUp(server.url, 'fan1'), await signUp(server.url, 'fan2'), await signUp(server.url, 'fan3')];
    outsider = await signUp(server.url, 'outsider');
    starId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: star.token })).body.id;
    for (const fan of fans) await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: fan.token });
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const home = async (token: string, query = '') => (await call(server.url, `/api/v1/timelines/home${query}`, { token })).body as { id: string }[];

  it('shows the post that made the author cross the threshold at once, to followers who read their home just before', async () => {
    // Feeds that hold a pushed post (an empty feed is rebuilt from the follows on every read).
    const pal = await signUp(server.url, 'pal');
    const palId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: pal.token })).body.id;
    const late = await signUp(server.url, 'latefan');
    for (const reader of [fans[1]!, late]) await call(server.url, `/api/v1/accounts/${palId}/follow`, { method: 'POST', token: reader.token });
    const hello = await call(server.url, '/api/v1/statuses', { token: pal.token, json: { status: 'hello' } });
    await server.app.jobs.idle();
    // Reading home now makes the server remember that these readers pull nobody.
    for (const reader of [fans[1]!, late])
      assert.deepEqual(
        (await home(reader.token)).map((s) => s.id),
        [hello.body.id],
      );

    const first = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'now above the threshold' } });
    await server.app.jobs.idle();
    const pushed = await server.app.database.pool.query('select count(*)::int as n from home_feeds where status_id = $1', [first.body.id]);
    assert.equal(pushed.rows[0].n, server.app.redis ? 0 : 1, 'pulled from its first post on: only the author’s own feed row');
    assert.deepEqual(
      (await home(fans[1]!.token)).map((s) => s.id),
      [first.body.id, hello.body.id],
    );
    // A new follower of a pulled account sees its posts as soon as the follow is made (before the
    // job that merges recent posts into its feed has run), and none once an unfollow is done with.
    await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: late.token });
    assert.deepEqual(
      (await home(late.token)).map((s) => s.id),
      [first.body.id, hello.body.id],
    );
    await call(server.url, `/api/v1/accounts/${starId}/unfollow`, { method: 'POST', token: late.token });
    await server.app.jobs.idle();
    assert.deepEqual(
      (await home(late.token)).map((s) => s.id),
      [hello.body.id],
    );
  });

  it('does not push, yet every follower sees the post at once, in order with pushed posts', async () => {
    const friend = await signUp(server.url, 'smallfriend');
    const friendId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: friend.token })).body.id;
    await call(server.url, `/api/v1/accounts/${friendId}/follow`, { method: 'POST', token: fans[0]!.token });
    const a = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'one for a crowd' } });
    const b = await call(server.url, '/api/v1/statuses', { token: friend.token, json: { status: 'one for a friend' } });
    const c = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'followers only', visibility: 'private' } });
    await server.app.jobs.idle();
    const pushed = await server.app.database.pool.query('select count(*)::int as n from home_feeds where status_id = $1', [a.body.id]);
    assert.equal(pushed.rows[0].n, server.app.redis ? 0 : 1, 'only the author’s own feed row');
    assert.deepEqual((await home(fans[0]!.token)).map((s) => s.id).slice(0, 3), [c.body.id, b.body.id, a.body.id]);
    for (const fan of fans.slice(1)) assert.deepEqual((await home(fan.token)).map((s) => s.id).slice(0, 2), [c.body.id, a.body.id]);
    assert.ok(!(await home(outsider.token)).some((s) => s.id === a.body.id || s.id === c.body.id));
    // Paging runs across both sources.
    const first = await home(fans[0]!.token, '?limit=1');
    const second = await home(fans[0]!.token, `?limit=1&max_id=${first[0]!.id}`);
    const third = await home(fans[0]!.token, `?limit=1&max_id=${second[0]!.id}`);
    assert.deepEqual(
      [first, second, third].map((p) => p[0]!.id),
      [c.body.id, b.body.id, a.body.id],
    );
    const above = await home(fans[0]!.token, `?limit=2&min_id=${a.body.id}`);
    assert.deepEqual(
      above.map((s) => s.id),
      [c.body.id, b.body.id],
    );
  });

  it('delivers the pulled account’s posts live, and their deletion', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, [fans[1]!.token]);
    const frames: { event: string; payload: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const outsiderWs = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, [outsider.token]);
    const outsiderFrames: unknown[] = [];
    outsiderWs.on('message', (d) => outsiderFrames.push(String(d)));
    await new Promise((resolve, reject) => (outsiderWs.once('open', resolve), outsiderWs.once('error', reject)));
    await new Promise((r) => setTimeout(r, 300));
    const post = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'breaking', visibility: 'private' } });
    const deadline = Date.now() + 5000;
    while (!frames.some((f) => f.event === 'update') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.equal(JSON.parse(frames.find((f) => f.event === 'update')!.payload).id, post.body.id);
    await call(server.url, `/api/v1/statuses/${post.body.id}`, { method: 'DELETE', token: star.token });
    while (!frames.some((f) => f.event === 'delete') && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 25));
    assert.equal(frames.find((f) => f.event === 'delete')!.payload, post.body.id);
    assert.deepEqual(outsiderFrames, [], 'a private post of a pulled account reaches followers only');
    ws.close();
    outsiderWs.close();
  });

  it('follows relation changes on open streams: an unfollow, a follow and a mute take effect without reconnecting', async () => {
    const open = async (token: string, stream: string) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=${stream}`, [token]);
      const ids: string[] = [];
      ws.on('message', (d) => {
        const frame = JSON.parse(String(d)) as { event: string; payload: string };
        if (frame.event === 'update') ids.push(JSON.parse(frame.payload).id);
      });
      await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
      return { ws, ids };
    };
    const leaver = await signUp(server.url, 'leaver');
    const joiner = await signUp(server.url, 'joiner');
    await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: leaver.token });
    const leaving = await open(leaver.token, 'user');
    const joining = await open(joiner.token, 'user');
    const staying = await open(fans[0]!.token, 'user');
    const muting = await open(fans[0]!.token, 'public');
    await new Promise((r) => setTimeout(r, 300));

    await call(server.url, `/api/v1/accounts/${starId}/unfollow`, { method: 'POST', token: leaver.token });
    await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: joiner.token });
    await call(server.url, `/api/v1/accounts/${starId}/mute`, { method: 'POST', token: fans[2]!.token });
    const publicMuter = await open(fans[2]!.token, 'public');
    const secret = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'for followers, after the change', visibility: 'private' } });
    const loud = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'for everyone' } });
    const deadline = Date.now() + 5000;
    while (!(staying.ids.includes(loud.body.id) && joining.ids.includes(loud.body.id) && muting.ids.includes(loud.body.id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(staying.ids.slice(-2), [secret.body.id, loud.body.id], 'a follower still gets both');
    assert.deepEqual(joining.ids, [secret.body.id, loud.body.id], 'a new follower gets them without reconnecting');
    assert.deepEqual(leaving.ids, [], 'an unfollowed account’s posts stop at once, private ones above all');
    assert.deepEqual(publicMuter.ids, [], 'a muted account is left out of public streams');
    assert.deepEqual(muting.ids, [loud.body.id], 'the public stream of someone who does not mute carries the public post only');
    // And a mute made while the public stream is open.
    await call(server.url, `/api/v1/accounts/${starId}/mute`, { method: 'POST', token: fans[0]!.token });
    const after = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'muted now' } });
    await server.app.jobs.idle();
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!muting.ids.includes(after.body.id), 'a mute made while the stream is open applies to it');
    await call(server.url, `/api/v1/accounts/${starId}/unmute`, { method: 'POST', token: fans[0]!.token });
    for (const s of [leaving, joining, staying, muting, publicMuter]) s.ws.close();
  });

  it('keeps mutes and unfollows in force for pulled posts', async () => {
    await call(server.url, `/api/v1/accounts/${starId}/mute`, { method: 'POST', token: fans[2]!.token });
    const post = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'muted away' } });
    assert.ok(!(await home(fans[2]!.token)).some((s) => s.id === post.body.id));
    await call(server.url, `/api/v1/accounts/${starId}/unfollow`, { method: 'POST', token: fans[1]!.token });
    assert.ok(!(await home(fans[1]!.token)).some((s) => s.id === post.body.id));
    assert.ok((await home(fans[0]!.token)).some((s) => s.id === post.body.id));
  });

  it('applies each follow’s choices to pulled posts: reblogs, languages, replies to others', async () => {
    const [plain, picky, friendly, other] = [await signUp(server.url, 'plainfan'), await signUp(server.url, 'pickyfan'), await signUp(server.url, 'friendlyfan'), await signUp(server.url, 'otherone')];
    const otherId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: other.token })).body.id;
    await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: plain.token });
    await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: picky.token, json: { reblogs: false, languages: ['fr'] } });
    await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: friendly.token });
    await call(server.url, `/api/v1/accounts/${otherId}/follow`, { method: 'POST', token: friendly.token });
    const theirs = await call(server.url, '/api/v1/statuses', { token: other.token, json: { status: 'a post worth sharing' } });
    const english = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'in English', language: 'en' } });
    const french = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: 'en français', language: 'fr' } });
    const reblog = await call(server.url, `/api/v1/statuses/${theirs.body.id}/reblog`, { method: 'POST', token: star.token });
    const reply = await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: '@otherone indeed', in_reply_to_id: theirs.body.id, language: 'en' } });
    for (const r of [english, french, reblog, reply]) assert.equal(r.status, 200, JSON.stringify(r.body));
    await server.app.jobs.idle();
    const starIds = new Set([english, french, reblog, reply].map((r) => r.body.id as string));
    const seen = async (token: string) => (await home(token)).map((s) => s.id).filter((id) => starIds.has(id));
    assert.deepEqual(await seen(plain.token), [reblog.body.id, french.body.id, english.body.id], 'no reply to someone they do not follow');
    assert.deepEqual(await seen(picky.token), [french.body.id], 'French only, no reblogs');
    assert.deepEqual(await seen(friendly.token), [reply.body.id, reblog.body.id, french.body.id, english.body.id], 'the reply too: they follow who it answers');

    // An edit that changes the language is applied at once (the author's kept posts are forgotten).
    const edited = await call(server.url, `/api/v1/statuses/${french.body.id}`, { method: 'PUT', token: star.token, json: { status: 'now in English', language: 'en' } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(await seen(picky.token), []);
    // As is a deletion.
    await call(server.url, `/api/v1/statuses/${english.body.id}`, { method: 'DELETE', token: star.token });
    assert.deepEqual(await seen(plain.token), [reblog.body.id, french.body.id]);
  });

  it('pages through more pulled posts than are kept in memory, the deeper pages read from the database', async () => {
    const reader = await signUp(server.url, 'deepreader');
    await call(server.url, `/api/v1/accounts/${starId}/follow`, { method: 'POST', token: reader.token });
    const posted: string[] = [];
    // More than timelines/pulled keeps per author (200), in order.
    for (let i = 0; i < 230; i++) posted.push((await call(server.url, '/api/v1/statuses', { token: star.token, json: { status: `number ${i}` } })).body.id);
    await server.app.jobs.idle();
    const read: string[] = [];
    for (let maxId = ''; ; ) {
      const page = await home(reader.token, `?limit=40${maxId ? `&max_id=${maxId}` : ''}`);
      if (page.length === 0) break;
      read.push(...page.map((s) => s.id));
      maxId = page.at(-1)!.id;
    }
    const mine = read.filter((id) => posted.includes(id));
    assert.deepEqual(mine, [...posted].reverse(), 'every post once, newest first');
    assert.equal(new Set(read).size, read.length, 'no post twice');
    // min_id below what is kept: the posts just above it, from the database.
    const above = await home(reader.token, `?limit=5&min_id=${posted[9]}`);
    assert.deepEqual(
      above.map((s) => s.id),
      posted.slice(10, 15).reverse(),
    );
  });

  it('deletes a post of an author who crossed the threshold but has not posted since', async () => {
    const author = await signUp(server.url, 'quietgrower');
    const authorId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: author.token })).body.id;
    await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: fans[0]!.token });
    const post = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'from before the crowd' } });
    await server.app.jobs.idle();
    // Now above the threshold, not yet marked: the deletion (which holds the author's counts) must
    // not wait for the marking, nor the marking for it.
    for (const fan of fans.slice(1)) await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: fan.token });
    const deleted = await call(server.url, `/api/v1/statuses/${post.body.id}`, { method: 'DELETE', token: author.token });
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    await server.app.jobs.idle();
    assert.ok(!(await home(fans[0]!.token)).some((s) => s.id === post.body.id));
  });
});
