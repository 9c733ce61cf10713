// Lists: made and read with masto.js; members must be followed and leave with an unfollow; the
// list timeline follows its replies policy and the visibility rules; exclusive lists keep their
// members out of home; the list stream carries members' posts and refuses others' lists.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import WebSocket from 'ws';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('lists', () => {
  let server: TestServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let press: Awaited<ReturnType<typeof signUp>>;
  let minister: Awaited<ReturnType<typeof signUp>>;
  let other: Awaited<ReturnType<typeof signUp>>;
  const ids: Record<string, string> = {};

  before(async () => {
    server = await startServer();
    [owner, press, minister, other] = [await signUp(server.url, 'owner'), await signUp(server.url, 'press'), await signUp(server.url, 'minister'), await signUp(server.url, 'other')];
    for (const [name, who] of [
      ['press', press],
      ['minister', minister],
      ['other', other],
    ] as const) {
      ids[name] = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: who.token })).body.id;
    }
    for (const name of ['press', 'minister']) await call(server.url, `/api/v1/accounts/${ids[name]}/follow`, { method: 'POST', token: owner.token });
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const timeline = async (listId: string, token = owner.token) => call(server.url, `/api/v1/timelines/list/${listId}`, { token });
  const post = async (who: { token: string }, json: Record<string, unknown>) => (await call(server.url, '/api/v1/statuses', { token: who.token, json })).body.id as string;

  it('creates, renames, lists and deletes lists; members must be followed (masto.js)', async () => {
    const masto = createRestAPIClient({ url: server.url, accessToken: owner.token });
    const list = await masto.v1.lists.create({ title: 'Briefings' });
    assert.equal(list.title, 'Briefings');
    assert.equal(list.repliesPolicy, 'list', 'the default, as Mastodon');
    assert.equal(list.exclusive, false);
    const renamed = await masto.v1.lists.$select(list.id).update({ title: 'Morning briefings' });
    assert.equal(renamed.title, 'Morning briefings');
    assert.deepEqual(
      (await masto.v1.lists.list()).map((l) => l.title),
      ['Morning briefings'],
    );

    await masto.v1.lists.$select(list.id).accounts.create({ accountIds: [ids.press!, ids.minister!] });
    assert.deepEqual((await masto.v1.lists.$select(list.id).accounts.list()).map((a) => a.username).sort(), ['minister', 'press']);
    assert.deepEqual(
      (await masto.v1.accounts.$select(ids.press!).lists.list()).map((l) => l.id),
      [list.id],
    );
    // Not followed: refused, and nothing is added.
    const refused = await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: owner.token, json: { account_ids: [ids.other] } });
    assert.equal(refused.status, 422);
    assert.match(refused.body.error, /follow/);
    await masto.v1.lists.$select(list.id).accounts.remove({ accountIds: [ids.minister!] });
    assert.deepEqual(
      (await masto.v1.lists.$select(list.id).accounts.list()).map((a) => a.username),
      ['press'],
    );

    // Bad input and other people's lists.
    assert.equal((await call(server.url, '/api/v1/lists', { method: 'POST', token: owner.token, json: { title: '  ' } })).status, 422);
    assert.equal((await call(server.url, '/api/v1/lists', { method: 'POST', token: owner.token, json: { title: 'x', replies_policy: 'everyone' } })).status, 422);
    for (const [method, path] of [
      ['GET', `/api/v1/lists/${list.id}`],
      ['GET', `/api/v1/lists/${list.id}/accounts`],
      ['GET', `/api/v1/timelines/list/${list.id}`],
      ['DELETE', `/api/v1/lists/${list.id}`],
    ] as const) {
      const r = await call(server.url, path, { method, token: other.token });
      assert.equal(r.status, 404, `${method} ${path} by another account`);
      assert.equal(typeof r.body.error, 'string');
    }
    assert.equal((await call(server.url, '/api/v1/lists', {})).status, 401);

    await masto.v1.lists.$select(list.id).remove();
    assert.deepEqual(await masto.v1.lists.list(), []);
  });

  it('offers only followed accounts when searching with following=true (the way members are picked)', async () => {
    const search = async (q: string, following: boolean) =>
      (await call(server.url, `/api/v1/accounts/search?q=${q}${following ? '&following=true' : ''}`, { token: owner.token })).body.map((a: { acct: string }) => a.acct);
    assert.deepEqual(await search('other', false), ['other']);
    assert.deepEqual(await search('other', true), []);
    assert.deepEqual(await search('press', true), ['press']);
  });

  it('reads members’ posts by the replies policy and the visibility rules; an unfollow removes the member', async () => {
    const list = (await call(server.url, '/api/v1/lists', { method: 'POST', token: owner.token, json: { title: 'Newsroom', replies_policy: 'list' } })).body;
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: owner.token, json: { account_ids: [ids.press, ids.minister] } });
    const open = await post(press, { status: 'Press conference at noon' });
    const secret = await post(minister, { status: 'For followers only', visibility: 'private' });
    const replyInList = await post(press, { status: '@minister will you attend?', in_reply_to_id: open });
    const answer = await post(minister, { status: '@press yes', in_reply_to_id: replyInList });
    const outsider = await post(other, { status: 'Not in the list' });
    const replyOut = await post(press, { status: '@other thanks', in_reply_to_id: outsider });
    const seen = (await timeline(list.id)).body.map((s: { id: string }) => s.id);
    assert.deepEqual(seen, [answer, replyInList, secret, open], 'members’ posts, the private one included, and replies within the list only');
    assert.ok(!seen.includes(replyOut) && !seen.includes(outsider));

    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: owner.token, json: { replies_policy: 'none' } });
    assert.deepEqual(
      (await timeline(list.id)).body.map((s: { id: string }) => s.id),
      [replyInList, secret, open],
      'no replies to others (a thread of one’s own stays)',
    );

    await call(server.url, `/api/v1/accounts/${ids.minister}/unfollow`, { method: 'POST', token: owner.token });
    assert.deepEqual(
      (await call(server.url, `/api/v1/lists/${list.id}/accounts`, { token: owner.token })).body.map((a: { username: string }) => a.username),
      ['press'],
    );
    assert.deepEqual(
      (await timeline(list.id)).body.map((s: { id: string }) => s.id),
      [replyInList, open],
      'the private post leaves with the unfollow',
    );
    await call(server.url, `/api/v1/accounts/${ids.minister}/follow`, { method: 'POST', token: owner.token });
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'DELETE', token: owner.token });
  });

  it('pages by max_id, since_id and min_id, newest first, and shows replies to followed accounts with the "followed" policy', async () => {
    const list = (await call(server.url, '/api/v1/lists', { method: 'POST', token: owner.token, json: { title: 'Paged', replies_policy: 'followed' } })).body;
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: owner.token, json: { account_ids: [ids.press, ids.minister] } });
    const posted: string[] = [];
    for (let i = 0; i < 5; i++) posted.push(await post(i % 2 ? minister : press, { status: `Update ${i}` }));
    const [p0, p1, p2, p3, p4] = posted;
    const page = async (query: string) => (await call(server.url, `/api/v1/timelines/list/${list.id}?${query}`, { token: owner.token })).body.map((s: { id: string }) => s.id);
    const first = await call(server.url, `/api/v1/timelines/list/${list.id}?limit=2`, { token: owner.token });
    assert.deepEqual(
      first.body.map((s: { id: string }) => s.id),
      [p4, p3],
    );
    assert.match(first.headers.get('link') ?? '', new RegExp(`max_id=${p3}`));
    assert.deepEqual(await page(`max_id=${p3}&limit=2`), [p2, p1]);
    assert.deepEqual(await page(`max_id=${p4}&since_id=${p1}`), [p3, p2], 'between the two bounds');
    assert.deepEqual(await page(`since_id=${p0}&limit=2`), [p4, p3], 'since_id: the newest above it');
    assert.deepEqual(await page(`min_id=${p0}&limit=2`), [p2, p1], 'min_id: the ones just above it, still newest first');
    assert.deepEqual(await page(`min_id=${p1}&since_id=${p2}&limit=5`), [p4, p3], 'the higher lower bound wins');
    // Written with a leading zero, p1 is longer than p2 as text: it is still the lower bound.
    assert.deepEqual(await page(`min_id=0${p1}&since_id=${p2}&limit=5`), [p4, p3], 'ids with leading zeros are the same numbers');

    const toFollowed = await post(press, { status: '@minister noted', in_reply_to_id: p1 });
    const toStranger = await post(press, { status: '@other noted', in_reply_to_id: await post(other, { status: 'A stranger speaks' }) });
    const seen = await page('limit=3');
    assert.equal(seen[0], toFollowed, 'a reply to an account the owner follows');
    assert.ok(!seen.includes(toStranger), 'a reply to an account the owner does not follow stays out');
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'DELETE', token: owner.token });
  });

  it('keeps an exclusive list’s members out of home, and streams a list to its owner only', async () => {
    const list = (await call(server.url, '/api/v1/lists', { method: 'POST', token: owner.token, json: { title: 'Ministry', exclusive: true } })).body;
    assert.equal(list.exclusive, true);
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: owner.token, json: { account_ids: [ids.minister] } });

    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=list&list=${list.id}`, [owner.token]);
    const frames: { stream?: string[]; event?: string; payload?: string }[] = [];
    socket.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    const intruder = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=list&list=${list.id}`, [other.token]);
    const intruderFrames: { error?: string; status?: number; event?: string }[] = [];
    intruder.on('message', (d) => intruderFrames.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (intruder.once('open', resolve), intruder.once('error', reject)));
    await eventually(async () => intruderFrames.find((f) => f.status === 404), 5000, 'a 404 for another account’s list');
    const sse = await fetch(`${server.url}/api/v1/streaming/list?list=${list.id}`, { headers: { authorization: `Bearer ${other.token}` } });
    assert.equal(sse.status, 404);
    await sse.body?.cancel();
    await new Promise((r) => setTimeout(r, 200));

    const fromMinister = await post(minister, { status: 'Statement from the ministry', visibility: 'private' });
    const fromPress = await post(press, { status: 'Not a list member' });
    await server.app.jobs.idle();
    const frame = await eventually(async () => frames.find((f) => f.event === 'update'), 5000, 'the list stream gets the member’s post');
    assert.deepEqual(frame.stream, ['list', list.id]);
    assert.equal(JSON.parse(frame.payload!).id, fromMinister);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!frames.some((f) => f.payload?.includes(fromPress)), 'only members’ posts');
    assert.ok(!intruderFrames.some((f) => f.event === 'update'), 'nothing for another account');

    const home = (await call(server.url, '/api/v1/timelines/home', { token: owner.token })).body.map((s: { id: string }) => s.id);
    assert.ok(home.includes(fromPress), 'home has the other followed account');
    assert.ok(!home.includes(fromMinister), 'an exclusive list’s member stays out of home');
    assert.deepEqual((await timeline(list.id)).body.map((s: { id: string }) => s.id).slice(0, 1), [fromMinister]);
    socket.close();
    intruder.close();
  });
});
