// The notification policy and its requests, driven by masto.js (and megalodon for the plain list):
// a "filter" choice holds a stranger's notifications back in a request until it is accepted (they
// then join the others, and later ones pass) or dismissed (they are gone); "drop" stores nothing;
// private mentions from strangers are held back when asked, answers to one's own are not; a held
// notification never shows to anyone else, nor on a stream.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import generator from 'megalodon';
import { call } from '../helpers/http.ts';
import { people as peopleOn, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, listening, rawSocket } from '../helpers/streaming.ts';

describe('notification policy and requests', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const people = (tag: string, names: string[]) => peopleOn(server.url, tag, names);
  const mention = async (from: Person, to: Person, visibility: 'public' | 'direct' = 'public', inReplyToId?: string) =>
    (await from.masto.v1.statuses.create({ status: `@${to.name} hello`, visibility, ...(inReplyToId ? { inReplyToId } : {}) })).id;
  const v1 = async (who: Person, query = '') =>
    (await call(server.url, `/api/v1/notifications${query}`, { token: who.token })).body as { id: string; type: string; account: { id: string }; status?: { id: string } }[];
  const from = <T extends { account: { id: string } }>(list: T[], who: Person): T[] => list.filter((n) => n.account.id === who.id);

  it('reads and changes the policy, in the v2 and the v1 shape, and refuses other choices', async () => {
    const [owner] = await people('a', ['owner']);
    const policy = await owner!.masto.v2.notifications.policy.fetch();
    assert.deepEqual([policy.forNotFollowing, policy.forNotFollowers, policy.forNewAccounts, policy.forPrivateMentions, policy.forLimitedAccounts], ['accept', 'accept', 'accept', 'accept', 'accept']);
    assert.deepEqual(policy.summary, { pendingRequestsCount: 0, pendingNotificationsCount: 0 });
    const changed = await owner!.masto.v2.notifications.policy.update({ forNotFollowing: 'filter', forPrivateMentions: 'drop' });
    assert.equal(changed.forNotFollowing, 'filter');
    assert.equal(changed.forPrivateMentions, 'drop');
    assert.equal(changed.forNewAccounts, 'accept', 'the others stay');

    const v1Policy = await call(server.url, '/api/v1/notifications/policy', { token: owner!.token });
    assert.deepEqual(v1Policy.body, {
      filter_not_following: true,
      filter_not_followers: false,
      filter_new_accounts: false,
      filter_private_mentions: true,
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const put = await call(server.url, '/api/v1/notifications/policy', { method: 'PUT', token: owner!.token, json: { filter_new_accounts: true, filter_not_following: false } });
    assert.equal(put.body.filter_new_accounts, true);
    assert.equal((await owner!.masto.v2.notifications.policy.fetch()).forNotFollowing, 'accept');

    const bad = await call(server.url, '/api/v2/notifications/policy', { method: 'PATCH', token: owner!.token, json: { for_not_followers: 'maybe' } });
    assert.equal(bad.status, 422);
    assert.match(bad.body.error, /for not followers/i);
    assert.equal((await owner!.masto.v2.notifications.policy.fetch()).forNotFollowers, 'accept', 'nothing changed');
    assert.equal((await call(server.url, '/api/v2/notifications/policy')).status, 401);
  });

  it('filters a stranger into a request; accepting it merges what they sent and lets the next through', async () => {
    const [owner, stranger, friend] = await people('b', ['owner', 'stranger', 'friend']);
    await owner!.masto.v1.accounts.$select(friend!.id).follow();
    await owner!.masto.v2.notifications.policy.update({ forNotFollowing: 'filter' });
    const stream = await rawSocket(server.url, `?stream=user&access_token=${owner!.token}`);
    await listening(server.app.bus, channel.user(owner!.id), stream);

    const ownPost = (await owner!.masto.v1.statuses.create({ status: 'mine' })).id;
    await stranger!.masto.v1.statuses.$select(ownPost).favourite();
    await mention(stranger!, owner!);
    const last = await mention(stranger!, owner!);
    await mention(friend!, owner!);
    await server.app.jobs.idle();

    // Held back: not in either list, nor counted unread, nor streamed; the friend's came.
    const megalodon = generator('mastodon', server.url, owner!.token);
    const listed = (await megalodon.getNotifications()).data;
    assert.deepEqual(
      listed.map((n) => [n.type, n.account?.id]),
      [['mention', friend!.id]],
    );
    assert.deepEqual(
      (await owner!.masto.v2.notifications.list()).notificationGroups.map((g) => g.sampleAccountIds),
      [[friend!.id]],
    );
    assert.equal((await call(server.url, '/api/v1/notifications/unread_count', { token: owner!.token })).body.count, 1);
    assert.equal((await owner!.masto.v2.notifications.unreadCount.fetch()).count, 1);
    await stream.next((f) => f.event === 'notification' && JSON.parse(f.payload!).account.id === friend!.id);
    assert.deepEqual(
      stream.frames.filter((f) => f.event === 'notification' && JSON.parse(f.payload!).account.id === stranger!.id),
      [],
    );

    // Shown when asked for, and when reading the stranger's own notifications (a request's screen).
    assert.equal(from(await v1(owner!, '?include_filtered=true'), stranger!).length, 3);
    assert.equal(from(await v1(owner!, `?account_id=${stranger!.id}`), stranger!).length, 3);
    assert.equal((await owner!.masto.v2.notifications.list({ includeFiltered: true })).notificationGroups.length, 4);

    const requests = await owner!.masto.v1.notifications.requests.list();
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.account.id, stranger!.id);
    assert.equal(requests[0]!.notificationsCount, '3');
    assert.equal(requests[0]!.lastStatus?.id, last);
    assert.deepEqual((await owner!.masto.v1.notifications.requests.$select(requests[0]!.id).fetch()).id, requests[0]!.id);
    assert.deepEqual((await owner!.masto.v2.notifications.policy.fetch()).summary, { pendingRequestsCount: 1, pendingNotificationsCount: 3 });

    await owner!.masto.v1.notifications.requests.$select(requests[0]!.id).accept();
    await stream.next((f) => f.event === 'notifications_merged');
    assert.deepEqual(await owner!.masto.v1.notifications.requests.list(), []);
    assert.equal((await owner!.masto.v1.notifications.requests.merged.fetch()).merged, true);
    assert.equal(
      from(
        (await megalodon.getNotifications()).data.map((n) => ({ account: { id: n.account!.id } })),
        stranger!,
      ).length,
      3,
      'merged',
    );
    assert.equal((await owner!.masto.v2.notifications.list()).notificationGroups.length, 4);
    assert.deepEqual((await owner!.masto.v2.notifications.policy.fetch()).summary, { pendingRequestsCount: 0, pendingNotificationsCount: 0 });

    // Accepted once: the stranger's next mention passes the policy.
    await mention(stranger!, owner!);
    assert.equal(from(await v1(owner!), stranger!).length, 4);
    assert.deepEqual(await owner!.masto.v1.notifications.requests.list(), []);
    stream.ws.close();
  });

  it('dismisses requests one by one or in bulk (their notifications go), and keeps them from everyone else', async () => {
    const [owner, first, second, third, other] = await people('c', ['owner', 'first', 'second', 'third', 'other']);
    await owner!.masto.v2.notifications.policy.update({ forNotFollowing: 'filter' });
    for (const sender of [first, second, third, first]) await mention(sender!, owner!);
    const requests = await owner!.masto.v1.notifications.requests.list();
    const idOf = (who: Person) => requests.find((r) => r.account.id === who.id)!.id;
    assert.equal(requests.length, 3);
    // Each request counts its own sender's notifications.
    assert.deepEqual(
      [first, second, third].map((who) => requests.find((r) => r.account.id === who!.id)!.notificationsCount),
      ['2', '1', '1'],
    );

    const theirs = `/api/v1/notifications/requests/${idOf(first!)}`;
    for (const [method, path] of [
      ['GET', theirs],
      ['POST', `${theirs}/accept`],
      ['POST', `${theirs}/dismiss`],
    ] as const) {
      assert.equal((await call(server.url, path, { method, token: other!.token })).status, 404, `${method} ${path} as someone else`);
    }
    assert.deepEqual(await other!.masto.v1.notifications.requests.list(), []);
    const filteredId = from(await v1(owner!, '?include_filtered=true'), first!)[0]!.id;
    assert.equal((await call(server.url, `/api/v1/notifications/${filteredId}`, { token: other!.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/notifications/requests/accept', { token: other!.token, json: { id: [idOf(first!)] } })).status, 200);
    assert.equal((await owner!.masto.v1.notifications.requests.list()).length, 3, "someone else's bulk accept touches nothing");

    await owner!.masto.v1.notifications.requests.$select(idOf(first!)).dismiss();
    assert.equal(from(await v1(owner!, '?include_filtered=true'), first!).length, 0, 'dismissed with its request');
    assert.equal((await call(server.url, `/api/v1/notifications/requests/${idOf(first!)}`, { token: owner!.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/notifications/requests/${idOf(first!)}/dismiss`, { method: 'POST', token: owner!.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/notifications/requests/not-an-id/accept', { method: 'POST', token: owner!.token })).status, 404);

    assert.equal((await call(server.url, '/api/v1/notifications/requests/dismiss', { token: owner!.token, json: { id: [idOf(second!), 'junk'] } })).status, 200);
    assert.equal((await call(server.url, '/api/v1/notifications/requests/accept', { token: owner!.token, form: { 'id[]': idOf(third!) } })).status, 200);
    assert.deepEqual(await owner!.masto.v1.notifications.requests.list(), []);
    const all = await v1(owner!, '?include_filtered=true');
    assert.deepEqual([from(all, second!).length, from(all, third!).length], [0, 1]);
  });

  it('drops what a "drop" choice names: nothing is stored and no request is made', async () => {
    const [owner, stranger] = await people('d', ['owner', 'stranger']);
    await owner!.masto.v2.notifications.policy.update({ forNotFollowers: 'drop' });
    await mention(stranger!, owner!);
    await stranger!.masto.v1.accounts.$select(owner!.id).follow();
    assert.deepEqual(await v1(owner!, '?include_filtered=true'), [], 'a follower of less than three days is still not a follower');
    assert.deepEqual(await owner!.masto.v1.notifications.requests.list(), []);
    await owner!.masto.v2.notifications.policy.update({ forNotFollowers: 'accept', forNewAccounts: 'filter' });
    await mention(stranger!, owner!);
    assert.equal((await v1(owner!, '?include_filtered=true')).length, 1);
    assert.deepEqual(await v1(owner!), [], 'a new account not followed: filtered');
  });

  it('holds back private mentions from strangers when asked, never answers to one’s own, and never shows them to others', async () => {
    const [owner, stranger, friend, other] = await people('e', ['owner', 'stranger', 'friend', 'other']);
    await owner!.masto.v1.accounts.$select(friend!.id).follow();
    await owner!.masto.v2.notifications.policy.update({ forPrivateMentions: 'filter' });

    const secret = await mention(stranger!, owner!, 'direct');
    const open = await mention(stranger!, owner!, 'public');
    const fromFriend = await mention(friend!, owner!, 'direct');
    // The owner writes to the stranger first: the stranger's answer is no unsolicited message.
    const asked = (await owner!.masto.v1.statuses.create({ status: `@${stranger!.name} a question`, visibility: 'direct' })).id;
    const answer = await mention(stranger!, owner!, 'direct', asked);

    const shown = (await v1(owner!)).map((n) => n.status?.id);
    assert.deepEqual(shown.sort(), [open, fromFriend, answer].sort(), 'the unsolicited direct message alone is held back');
    const [request] = await owner!.masto.v1.notifications.requests.list();
    assert.equal(request!.lastStatus?.id, secret);
    assert.equal(request!.lastStatus?.visibility, 'direct');

    // Nobody else sees it: not the request, the notification, nor the status.
    assert.equal((await call(server.url, `/api/v1/notifications/requests/${request!.id}`, { token: other!.token })).status, 404);
    assert.deepEqual(await v1(other!, '?include_filtered=true'), []);
    assert.deepEqual((await call(server.url, '/api/v2/notifications?include_filtered=true', { token: other!.token })).body.statuses, []);
    assert.equal((await call(server.url, `/api/v1/statuses/${secret}`, { token: other!.token })).status, 404);
    const filtered = (await v1(owner!, '?include_filtered=true')).find((n) => n.status?.id === secret)!;
    assert.equal((await call(server.url, `/api/v2/notifications/ungrouped-${filtered.id}`, { token: other!.token })).status, 404);
  });
});
