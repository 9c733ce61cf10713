// Lists: made and read with masto.js; members must be followed and leave with an unfollow; the
// list timeline follows its replies policy and the visibility rules; exclusive lists keep their
// members out of home; the list stream carries members' posts and refuses others' lists.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { about, channel, listening, rawSocket } from '../helpers/streaming.ts';

interface Person {
  token: string;
  name: string;
}

describe('lists', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  /** Each test's own people: an owner who follows the press and the minister, and another account. */
  async function cast(tag: string) {
    const who = {} as Record<'owner' | 'press' | 'minister' | 'other', Person>;
    const ids = {} as Record<'press' | 'minister' | 'other', string>;
    for (const role of ['owner', 'press', 'minister', 'other'] as const) {
      const name = `${role}_${tag}`;
      who[role] = { token: (await signUp(server.url, name)).token, name };
      if (role !== 'owner') ids[role] = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: who[role].token })).body.id;
    }
    for (const role of ['press', 'minister'] as const) await call(server.url, `/api/v1/accounts/${ids[role]}/follow`, { method: 'POST', token: who.owner.token });
    await server.app.jobs.idle();
    return { ...who, ids };
  }

  const timeline = async (listId: string, token: string) => call(server.url, `/api/v1/timelines/list/${listId}`, { token });
  const post = async (who: Person, json: Record<string, unknown>) => (await call(server.url, '/api/v1/statuses', { token: who.token, json })).body.id as string;

  it('creates, renames, lists and deletes lists; members must be followed (masto.js)', async () => {
    const { owner, press, other, ids } = await cast('a');
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
    assert.deepEqual((await masto.v1.lists.$select(list.id).accounts.list()).map((a) => a.username).sort(), ['minister_a', 'press_a']);
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
      [press.name],
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
    const { owner, press, other } = await cast('b');
    const search = async (q: string, following: boolean) =>
      (await call(server.url, `/api/v1/accounts/search?q=${q}${following ? '&following=true' : ''}`, { token: owner.token })).body.map((a: { acct: string }) => a.acct);
    assert.deepEqual(await search(other.name, false), [other.name]);
    assert.deepEqual(await search(other.name, true), []);
    assert.deepEqual(await search(press.name, true), [press.name]);
  });

  it('reads members’ posts by the replies policy and the visibility rules; an unfollow removes the member', async () => {
    const { owner, press, minister, other, ids } = await cast('c');
    const list = (await call(server.url, '/api/v1/lists', { method: 'POST', token: owner.token, json: { title: 'Newsroom', replies_policy: 'list' } })).body;
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: owner.token, json: { account_ids: [ids.press, ids.minister] } });
    const open = await post(press, { status: 'Press conference at noon' });
    const secret = await post(minister, { status: 'For followers only', visibility: 'private' });
    const replyInList = await post(press, { status: `@${minister.name} will you attend?`, in_reply_to_id: open });
    const answer = await post(minister, { status: `@${press.name} yes`, in_reply_to_id: replyInList });
    const outsider = await post(other, { status: 'Not in the list' });
    const replyOut = await post(press, { status: `@${other.name} thanks`, in_reply_to_id: outsider });
    const seen = (await timeline(list.id, owner.token)).body.map((s: { id: string }) => s.id);
    assert.deepEqual(seen, [answer, replyInList, secret, open], 'members’ posts, the private one included, and replies within the list only');
    assert.ok(!seen.includes(replyOut) && !seen.includes(outsider));

    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: owner.token, json: { replies_policy: 'none' } });
    assert.deepEqual(
      (await timeline(list.id, owner.token)).body.map((s: { id: string }) => s.id),
      [replyInList, secret, open],
      'no replies to others (a thread of one’s own stays)',
    );

    await call(server.url, `/api/v1/accounts/${ids.minister}/unfollow`, { method: 'POST', token: owner.token });
    assert.deepEqual(
      (await call(server.url, `/api/v1/lists/${list.id}/accounts`, { token: owner.token })).body.map((a: { username: string }) => a.username),
      [press.name],
    );
    assert.deepEqual(
      (await timeline(list.id, owner.token)).body.map((s: { id: string }) => s.id),
      [replyInList, open],
      'the private post leaves with the unfollow',
    );
  });

  it('pages by max_id, since_id and min_id, newest first, and shows replies to followed accounts with the "followed" policy', async () => {
    const { owner, press, minister, other, ids } = await cast('d');
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

    const toFollowed = await post(press, { status: `@${minister.name} noted`, in_reply_to_id: p1 });
    const toStranger = await post(press, { status: `@${other.name} noted`, in_reply_to_id: await post(other, { status: 'A stranger speaks' }) });
    const seen = await page('limit=3');
    assert.equal(seen[0], toFollowed, 'a reply to an account the owner follows');
    assert.ok(!seen.includes(toStranger), 'a reply to an account the owner does not follow stays out');
  });

  it('keeps an exclusive list’s members out of home, and streams a list to its owner only', async () => {
    const { owner, press, minister, other, ids } = await cast('e');
    const list = (await call(server.url, '/api/v1/lists', { method: 'POST', token: owner.token, json: { title: 'Ministry', exclusive: true } })).body;
    assert.equal(list.exclusive, true);
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'POST', token: owner.token, json: { account_ids: [ids.minister] } });

    const socket = await rawSocket(server.url, `?stream=list&list=${list.id}`, [owner.token]);
    const intruder = await rawSocket(server.url, `?stream=list&list=${list.id}`, [other.token]);
    await intruder.next((f) => f.status === 404);
    const sse = await fetch(`${server.url}/api/v1/streaming/list?list=${list.id}`, { headers: { authorization: `Bearer ${other.token}` } });
    assert.equal(sse.status, 404);
    await sse.body?.cancel();
    // Subscribing sends no reply: the list stream is heard listening to its member. The intruder's
    // connection, refused the list, gets its own home stream, to carry a sentinel below.
    await listening(server.app.bus, channel.author(ids.minister), socket);
    intruder.ws.send(JSON.stringify({ type: 'subscribe', stream: 'user' }));
    await listening(server.app.bus, channel.author(ids.other), intruder);

    const fromMinister = await post(minister, { status: 'Statement from the ministry', visibility: 'private' });
    const fromPress = await post(press, { status: 'Not a list member' });
    const frame = await socket.next((f) => f.event === 'update');
    assert.deepEqual(frame.stream, ['list', list.id]);
    assert.equal(JSON.parse(frame.payload!).id, fromMinister);
    // Sentinels, once those are published: the minister's next post on the list stream, the other
    // account's own on its home stream.
    await server.app.jobs.idle();
    const [again, own] = [await post(minister, { status: 'A second statement' }), await post(other, { status: 'Just me' })];
    await socket.next((f) => f.event === 'update' && about(again)(f));
    await intruder.next((f) => f.event === 'update' && about(own)(f));
    assert.ok(!socket.frames.some(about(fromPress)), 'only members’ posts');
    assert.ok(!intruder.frames.some((f) => f.stream?.[0] === 'list' || about(fromMinister)(f)), 'nothing for another account');

    const home = (await call(server.url, '/api/v1/timelines/home', { token: owner.token })).body.map((s: { id: string }) => s.id);
    assert.ok(home.includes(fromPress), 'home has the other followed account');
    assert.ok(!home.includes(fromMinister), 'an exclusive list’s member stays out of home');
    assert.deepEqual((await timeline(list.id, owner.token)).body.map((s: { id: string }) => s.id).slice(0, 2), [again, fromMinister]);
    socket.ws.close();
    intruder.ws.close();
  });
});
