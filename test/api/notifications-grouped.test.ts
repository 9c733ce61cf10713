// Grouped notifications (/api/v2/notifications), driven by masto.js as Phanpy-like clients drive
// them: favourites and reblogs of one post and follows share a group with sample accounts; pages
// walk groups with Link headers; a group is read, listed and dismissed; unread counts follow the
// marker. Every response is checked against the Mastodon OpenAPI description (helpers/server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { mastodon } from 'masto';
import { call } from '../helpers/http.ts';
import { people as peopleOn, person as personOn, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('grouped notifications (v2)', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const people = (tag: string, names: string[]) => peopleOn(server.url, tag, names);
  const post = async (who: Person, status: string) => (await who.masto.v1.statuses.create({ status })).id;
  const favourite = (who: Person, id: string) => who.masto.v1.statuses.$select(id).favourite();
  const v1 = async (who: Person, query = '') =>
    (await call(server.url, `/api/v1/notifications${query}`, { token: who.token })).body as { id: string; type: string; group_key: string; account: { id: string } }[];

  it('groups favourites of one post, reblogs and follows, with sample accounts newest first (masto.js)', async () => {
    const [owner, ana, ben, cas, dov] = await people('a', ['owner', 'ana', 'ben', 'cas', 'dov']);
    const postId = await post(owner!, 'a post to like');
    for (const fan of [ana, ben, cas]) await favourite(fan!, postId);
    for (const fan of [ana, ben]) await fan!.masto.v1.statuses.$select(postId).reblog();
    for (const fan of [cas, dov]) await fan!.masto.v1.accounts.$select(owner!.id).follow();
    await post(dov!, `@${owner!.name} hello`);
    await server.app.jobs.idle();

    const page = await owner!.masto.v2.notifications.list();
    const byType = new Map(page.notificationGroups.map((g) => [g.type, g]));
    assert.deepEqual(
      page.notificationGroups.map((g) => [g.type, g.notificationsCount]),
      [
        ['mention', 1],
        ['follow', 2],
        ['reblog', 2],
        ['favourite', 3],
      ],
    );
    const favourites = byType.get('favourite') as mastodon.v1.FavouriteNotificationGroup;
    assert.equal(favourites.statusId, postId);
    assert.deepEqual(favourites.sampleAccountIds, [cas!.id, ben!.id, ana!.id], 'newest first');
    assert.deepEqual(byType.get('follow')!.sampleAccountIds, [dov!.id, cas!.id]);
    assert.match(byType.get('mention')!.groupKey, /^ungrouped-\d+$/, 'mentions are not grouped');
    assert.deepEqual(page.statuses.map((s) => s.id).sort(), [postId, (byType.get('mention') as mastodon.v1.MentionNotificationGroup).statusId].sort(), 'each status once');
    assert.deepEqual(page.accounts.map((a) => a.id).sort(), [ana!.id, ben!.id, cas!.id, dov!.id].sort(), 'each account once');

    // v1 shows each notification with the key of the group it is in; the group points at its newest one.
    const single = await v1(owner!, '?types[]=favourite');
    assert.ok(single.every((n) => n.group_key === favourites.groupKey));
    assert.equal(String(favourites.mostRecentNotificationId), single[0]!.id);
    assert.equal(favourites.pageMaxId, single[0]!.id);
    // The page ends at the group's newest: its older notifications come again with the next page.
    assert.equal(favourites.pageMinId, single[0]!.id);
    assert.ok(favourites.latestPageNotificationAt);
    const reblogs = await v1(owner!, '?types[]=reblog');
    assert.deepEqual([byType.get('reblog')!.pageMaxId, byType.get('reblog')!.pageMinId], [reblogs[0]!.id, reblogs.at(-1)!.id], 'a group above the page end is on it whole');

    // A group read on its own, and its accounts.
    const one = await owner!.masto.v2.notifications.$select(favourites.groupKey).fetch();
    assert.equal(one.notificationGroups.length, 1);
    assert.equal(one.notificationGroups[0]!.notificationsCount, 3);
    assert.equal(one.notificationGroups[0]!.pageMaxId, undefined, 'no page fields outside a page');
    assert.deepEqual(
      (await owner!.masto.v2.notifications.$select(favourites.groupKey).accounts.fetch()).map((a) => a.id),
      [cas!.id, ben!.id, ana!.id],
    );
    const mention = await owner!.masto.v2.notifications.$select(byType.get('mention')!.groupKey).fetch();
    assert.equal(mention.notificationGroups[0]!.type, 'mention');
  });

  it('groups only the types a client asks for, and sends the other senders partially when asked', async () => {
    const [owner, ana, ben, cas] = await people('b', ['owner', 'ana', 'ben', 'cas']);
    const postId = await post(owner!, 'another post');
    for (const fan of [ana, ben, cas]) await favourite(fan!, postId);
    for (const fan of [ana, ben]) await fan!.masto.v1.accounts.$select(owner!.id).follow();

    const onlyFavourites = await owner!.masto.v2.notifications.list({ groupedTypes: ['favourite'] });
    assert.deepEqual(
      onlyFavourites.notificationGroups.map((g) => [g.type, g.notificationsCount]),
      [
        ['follow', 1],
        ['follow', 1],
        ['favourite', 3],
      ],
    );
    assert.ok(onlyFavourites.notificationGroups.filter((g) => g.type === 'follow').every((g) => /^ungrouped-\d+$/.test(g.groupKey)));

    const partial = await owner!.masto.v2.notifications.list({ expandAccounts: 'partial_avatars' });
    const favourites = partial.notificationGroups.find((g) => g.type === 'favourite')!;
    const follows = partial.notificationGroups.find((g) => g.type === 'follow')!;
    assert.deepEqual(partial.accounts.map((a) => a.id).sort(), [...new Set([favourites.sampleAccountIds[0], follows.sampleAccountIds[0]])].sort(), 'only the newest sender of each group in full');
    const partialIds = partial.partialAccounts!.map((a) => a.id).sort();
    assert.deepEqual(partialIds, [ana!.id, ben!.id, cas!.id].filter((id) => !partial.accounts.some((a) => a.id === id)).sort());
    assert.ok(partial.partialAccounts!.every((a) => a.avatar && a.acct && !('note' in a)));
    assert.equal((await owner!.masto.v2.notifications.list()).partialAccounts, undefined);

    const bad = await call(server.url, '/api/v2/notifications?expand_accounts=everything', { token: owner!.token });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /expand_accounts/);
  });

  it('pages across groups with Link headers, newest first, and a group split by a page comes back with the same key', async () => {
    const [owner, ana, ben] = await people('c', ['owner', 'ana', 'ben']);
    const posts: string[] = [];
    for (let i = 0; i < 4; i++) posts.push(await post(owner!, `post ${i}`));
    // ana likes every post, then ben likes them in the other order: four groups of two, interleaved.
    for (const id of posts) await favourite(ana!, id);
    for (const id of [...posts].reverse()) await favourite(ben!, id);

    const first = await call(server.url, '/api/v2/notifications?limit=3', { token: owner!.token });
    assert.equal(first.status, 200);
    const firstGroups = first.body.notification_groups as { group_key: string; status_id: string; page_max_id: string; page_min_id: string; notifications_count: number }[];
    assert.deepEqual(
      firstGroups.map((g) => g.status_id),
      [posts[0], posts[1], posts[2]],
      "ben's likes, newest first: post 0 last",
    );
    const link = first.headers.get('link')!;
    assert.match(link, new RegExp(`max_id=${firstGroups[2]!.page_max_id}>; rel="next"`));
    assert.match(link, new RegExp(`min_id=${firstGroups[0]!.page_max_id}>; rel="prev"`));
    // ana's likes of posts 0–2 lie below ben's like of post 2: past the page, they are not on it.
    assert.ok(firstGroups.every((g) => g.notifications_count === 2));
    assert.ok(firstGroups.every((g) => BigInt(g.page_min_id) <= BigInt(g.page_max_id)));

    const nextUrl = new URL(/<([^>]+)>; rel="next"/.exec(link)![1]!);
    const next = await call(server.url, `${nextUrl.pathname}${nextUrl.search}`, { token: owner!.token });
    const nextGroups = next.body.notification_groups as { group_key: string; status_id: string }[];
    assert.deepEqual(
      nextGroups.map((g) => g.status_id),
      [posts[3], posts[2], posts[1]],
      "older: post 3 (both likes), then ana's likes of posts 2 and 1",
    );
    assert.equal(nextGroups[1]!.group_key, firstGroups[2]!.group_key, 'a group split by a page keeps its key');

    // masto.js follows the links to the end: every group is met, none is lost.
    const seen = new Set<string>();
    for await (const page of owner!.masto.v2.notifications.list({ limit: 2 })) for (const g of page.notificationGroups) seen.add(g.groupKey);
    assert.equal(seen.size, 4);

    // min_id walks upwards: the groups just above it, newest first.
    const ids = (await v1(owner!, '?limit=80')).map((n) => n.id);
    const above = await call(server.url, `/api/v2/notifications?min_id=${ids.at(-1)}&limit=2`, { token: owner!.token });
    assert.deepEqual(
      (above.body.notification_groups as { status_id: string }[]).map((g) => g.status_id),
      [posts[2], posts[1]],
      "just above ana's first like: her likes of posts 1 and 2, newest first",
    );
  });

  it('dismisses a group, and refuses other people’s groups and bad keys', async () => {
    const [owner, ana, ben, other] = await people('d', ['owner', 'ana', 'ben', 'other']);
    const postId = await post(owner!, 'dismiss me');
    for (const fan of [ana, ben]) await favourite(fan!, postId);
    const [group] = (await owner!.masto.v2.notifications.list({ types: ['favourite'] })).notificationGroups;
    assert.equal(group!.notificationsCount, 2);

    assert.equal((await call(server.url, `/api/v2/notifications/${group!.groupKey}`, { token: other!.token })).status, 404, "someone else's group");
    assert.deepEqual((await call(server.url, `/api/v2/notifications/${group!.groupKey}/accounts`, { token: other!.token })).body, []);
    await other!.masto.v2.notifications.$select(group!.groupKey).dismiss();
    assert.equal((await owner!.masto.v2.notifications.list({ types: ['favourite'] })).notificationGroups.length, 1, "another's dismissal touches nothing");

    await owner!.masto.v2.notifications.$select(group!.groupKey).dismiss();
    assert.deepEqual((await owner!.masto.v2.notifications.list({ types: ['favourite'] })).notificationGroups, []);
    assert.deepEqual(await v1(owner!, '?types[]=favourite'), []);
    assert.equal((await call(server.url, `/api/v2/notifications/${group!.groupKey}`, { token: owner!.token })).status, 404);
    for (const key of ['ungrouped-abc', 'ungrouped-99999999999999999999', 'nothing-here', `${group!.groupKey}-1-2`]) {
      assert.equal((await call(server.url, `/api/v2/notifications/${key}`, { token: owner!.token })).status, 404, key);
    }
    assert.equal((await call(server.url, '/api/v2/notifications/nothing-here/dismiss', { method: 'POST', token: owner!.token })).status, 200, 'nothing to dismiss');
    for (const key of ['follow-1%00', 'follow-%ED%A0%80']) {
      for (const path of [`/api/v2/notifications/${key}`, `/api/v2/notifications/${key}/dismiss`]) {
        const r = await call(server.url, path, { method: path.endsWith('dismiss') ? 'POST' : 'GET', token: owner!.token });
        assert.equal(r.status, 400, `${path}: NUL and broken UTF-8 are refused anywhere`);
        assert.equal(typeof r.body.error, 'string');
      }
    }
    assert.equal((await call(server.url, '/api/v2/notifications')).status, 401);
    assert.deepEqual((await call(server.url, '/api/v2/notifications?account_id=not-an-id', { token: owner!.token })).body.notification_groups, []);
  });

  it('counts unread groups (v2) and notifications (v1) above the notifications marker', async () => {
    const [owner, ana, ben] = await people('e', ['owner', 'ana', 'ben']);
    const postId = await post(owner!, 'count me');
    for (const fan of [ana, ben]) await favourite(fan!, postId);
    await ana!.masto.v1.accounts.$select(owner!.id).follow();
    assert.equal((await owner!.masto.v2.notifications.unreadCount.fetch()).count, 2, 'the favourites group and the follow');
    assert.equal((await call(server.url, '/api/v1/notifications/unread_count', { token: owner!.token })).body.count, 3);
    assert.equal((await owner!.masto.v2.notifications.unreadCount.fetch({ types: ['follow'] })).count, 1);
    assert.equal((await call(server.url, '/api/v2/notifications/unread_count?grouped_types[]=follow', { token: owner!.token })).body.count, 3, 'favourites not grouped');

    const newest = (await v1(owner!))[0]!.id;
    await owner!.masto.v1.markers.create({ notifications: { lastReadId: newest } });
    assert.equal((await owner!.masto.v2.notifications.unreadCount.fetch()).count, 0);
    assert.equal((await call(server.url, '/api/v1/notifications/unread_count', { token: owner!.token })).body.count, 0);

    // Another like of the post: above the marker, in a group that began below it.
    const cas = await personOn(server.url, 'cas_e');
    await favourite(cas, postId);
    assert.equal((await owner!.masto.v2.notifications.unreadCount.fetch()).count, 1);
    assert.equal((await call(server.url, '/api/v1/notifications/unread_count?limit=1', { token: owner!.token })).body.count, 1);
    const groups = (await owner!.masto.v2.notifications.list({ types: ['favourite'] })).notificationGroups;
    assert.deepEqual(
      groups.map((g) => g.notificationsCount),
      [3],
      'still one group',
    );
  });
});
