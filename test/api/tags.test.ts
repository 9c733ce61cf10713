// Hashtags through masto.js and megalodon: a tag's week of use counted from real posts, following
// tags (the followed tags' pages, their public posts at home and on the open user stream, and only
// those), and featured tags with their counts, on the profile and in the ActivityPub collection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import generator from 'megalodon';
import { call } from '../helpers/http.ts';
import { person as signedUpPerson, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { about, channel, deletes, listening, rawSocket } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';

const today = () => String(Math.floor(Date.now() / 86_400_000) * 86_400);

describe('hashtags', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const person = (name: string): Promise<Person> => signedUpPerson(server.url, name);
  const post = async (who: Person, json: Record<string, unknown>): Promise<string> => {
    const r = await call(server.url, '/api/v1/statuses', { token: who.token, json });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.id;
  };
  const homeIds = async (who: Person) => (await who.masto.v1.timelines.home.list({ limit: 40 })).map((s) => s.id);

  it("counts a tag's week from the posts of two accounts: public ones, each account once a day (masto.js)", async () => {
    const [ana, ben] = [await person('ana_hist'), await person('ben_hist')];
    await post(ana, { status: 'Seeds are in #Gardening' });
    await post(ana, { status: 'More #gardening' });
    await post(ben, { status: 'Me too #gardening' });
    await post(ben, { status: 'not counted #gardening', visibility: 'unlisted' });
    const tag = await eventually(
      async () => {
        const t = await ana.masto.v1.tags.$select('gardening').fetch();
        return t.history?.[0]?.uses === '3' ? t : undefined;
      },
      10_000,
      "today's three uses",
    );
    assert.equal(tag.name, 'Gardening', 'as first written');
    assert.equal(tag.url, `${server.url}/tags/gardening`);
    assert.equal(tag.following, false);
    assert.equal(tag.featuring, false);
    assert.equal(tag.history!.length, 7);
    assert.deepEqual(tag.history![0], { day: today(), uses: '3', accounts: '2' });
    for (let i = 1; i < 7; i++) {
      assert.equal(Number(tag.history![i]!.day), Number(today()) - i * 86_400, 'newest day first, a day apart');
      assert.deepEqual([tag.history![i]!.uses, tag.history![i]!.accounts], ['0', '0']);
    }
    // The daily prune forgets who used it on days no longer shown, and keeps the week's.
    const { pool } = server.app.database;
    await pool.query(`insert into tag_day_accounts (tag_id, day, account_id) values ($1, current_date - 30, $2)`, [tag.id, ana.id]);
    assert.equal(await server.app.core.tags.prune.run(), 1);
    assert.equal((await pool.query('select count(*)::int as n from tag_day_accounts where tag_id = $1', [tag.id])).rows[0].n, 2, "today's two accounts");
    // Anonymous readers see it too, without the viewer's part.
    const anonymous = await call(server.url, '/api/v1/tags/%23GARDENING');
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.body.following, undefined);
    assert.equal(anonymous.body.history[0].uses, '3');
  });

  it('shows a tag nothing used yet, and refuses what cannot be a tag', async () => {
    const unused = await call(server.url, '/api/v1/tags/nothingyet');
    assert.equal(unused.status, 200);
    assert.equal(unused.body.id, '');
    assert.ok(unused.body.history.every((h: { uses: string }) => h.uses === '0'));
    assert.equal((await call(server.url, '/api/v1/tags/123')).status, 404, 'a tag needs a letter');
    assert.equal((await call(server.url, '/api/v1/tags/no-dash')).status, 404);
    assert.equal((await call(server.url, `/api/v1/tags/${'a'.repeat(300)}`)).status, 404);
  });

  it('follows and unfollows tags, and pages through them with Link headers (masto.js, megalodon)', async () => {
    const eve = await person('eve_pages');
    for (const name of ['Alpha', 'beta', 'gamma']) assert.equal((await eve.masto.v1.tags.$select(name).follow()).following, true);
    assert.equal((await eve.masto.v1.tags.$select('alpha').follow()).following, true, 'following twice is following once');
    const first = await call(server.url, '/api/v1/followed_tags?limit=2', { token: eve.token });
    assert.deepEqual(
      first.body.map((t: { name: string }) => t.name),
      ['gamma', 'beta'],
      'most recently followed first',
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    assert.ok(next && /<[^>]+min_id=\d+>; rel="prev"/.test(first.headers.get('link')!));
    const second = await call(server.url, next.slice(server.url.length), { token: eve.token });
    assert.deepEqual(
      second.body.map((t: { name: string }) => t.name),
      ['Alpha'],
    );
    const all: string[] = [];
    for await (const page of eve.masto.v1.followedTags.list({ limit: 2 })) all.push(...page.map((t) => t.name));
    assert.deepEqual(all, ['gamma', 'beta', 'Alpha']);

    const client = generator('mastodon', server.url, eve.token);
    assert.equal((await client.unfollowTag('beta')).data.following, false);
    assert.equal((await client.getTag('beta')).data.following, false);
    assert.deepEqual(
      (await client.getFollowedTags()).data.map((t) => t.name),
      ['gamma', 'Alpha'],
    );
    assert.equal((await client.followTag('delta')).data.following, true, 'a tag nothing used yet');
  });

  it("brings a followed tag's public posts home and to the open user stream, and no others", async () => {
    const [fan, stranger, muted, blocked, friend] = [await person('fan_home'), await person('stranger_home'), await person('muted_home'), await person('blocked_home'), await person('friend_home')];
    await fan.masto.v1.accounts.$select(muted.id).mute();
    await fan.masto.v1.accounts.$select(blocked.id).block();
    await fan.masto.v1.accounts.$select(friend.id).follow();
    await fan.masto.v1.tags.$select('Sailing').follow();
    const socket = await rawSocket(server.url, '?stream=user', [fan.token]);
    await listening(server.app.bus, channel.hashtag('sailing', false), socket);

    const shown = await post(stranger, { status: 'Out on the water #sailing' });
    const reply = await post(stranger, { status: 'Me too #sailing', in_reply_to_id: shown });
    const hidden = [
      await post(stranger, { status: 'quietly #sailing', visibility: 'unlisted' }),
      await post(stranger, { status: 'for followers #sailing', visibility: 'private' }),
      await post(muted, { status: 'muted #sailing' }),
      await post(blocked, { status: 'blocked #sailing' }),
      (await stranger.masto.v1.statuses.$select(shown).reblog()).id,
    ];
    // A followed author's post with the tag comes once, by the author's channel.
    const both = await post(friend, { status: 'Both #sailing' });
    const last = await post(stranger, { status: 'last #sailing' });
    await socket.next(about(last));
    const home = await eventually(async () => {
      const ids = await homeIds(fan);
      return ids.includes(last) && ids.includes(both) ? ids : undefined;
    });
    for (const id of [shown, reply, both]) {
      assert.ok(home.includes(id), `${id} at home`);
      assert.equal(socket.frames.filter((f) => f.event === 'update' && about(id)(f)).length, 1, `${id} streamed once`);
    }
    for (const id of hidden) {
      assert.ok(!home.includes(id), `${id} not at home`);
      assert.ok(!socket.frames.some(about(id)), `${id} not streamed`);
    }

    // Deletes come once too, whichever channels carry them.
    await stranger.masto.v1.statuses.$select(reply).remove();
    await friend.masto.v1.statuses.$select(both).remove();
    await socket.next(deletes(reply));
    await socket.next(deletes(both));
    const [afterTag, afterFriend] = [await post(stranger, { status: 'later #sailing' }), await post(friend, { status: 'later' })];
    await socket.next(about(afterTag));
    await socket.next(about(afterFriend));
    for (const id of [reply, both]) assert.equal(socket.frames.filter(deletes(id)).length, 1, `${id} deleted once`);

    // Unfollowed: new posts with the tag come no more (the open stream stops listening to its channel, this stream's alone).
    const listened = server.app.streamingStats().channels;
    await fan.masto.v1.tags.$select('sailing').unfollow();
    await eventually(async () => server.app.streamingStats().channels === listened - 1, 10_000, 'the stream leaving the tag');
    const after = await post(stranger, { status: 'after #sailing' });
    const sentinel = await post(friend, { status: 'sentinel' });
    await socket.next(about(sentinel));
    await eventually(async () => (await homeIds(fan)).includes(sentinel));
    assert.ok(!(await homeIds(fan)).includes(after), 'not at home once unfollowed');
    assert.ok(!socket.frames.some(about(after)), 'not streamed once unfollowed');
    socket.ws.close();
  });

  it('features tags with their counts, kept as posts come, go and change (masto.js, megalodon)', async () => {
    const kai = await person('kai_feat');
    const older = await post(kai, { status: 'First #Knitting' });
    await post(kai, { status: 'Quiet #knitting', visibility: 'unlisted' });
    await post(kai, { status: 'Not counted #knitting', visibility: 'private' });
    await server.app.jobs.idle();
    const featured = await kai.masto.v1.featuredTags.create({ name: 'knitting' });
    assert.equal(featured.name, 'Knitting');
    assert.equal(featured.url, `${server.url}/@kai_feat/tagged/knitting`);
    assert.equal(String(featured.statusesCount), '2', 'public and unlisted posts');
    assert.equal(featured.lastStatusAt, new Date().toISOString().slice(0, 10));
    assert.equal((await kai.masto.v1.featuredTags.create({ name: '#knitting' })).id, featured.id, 'featuring twice is featuring once');

    const newest = await post(kai, { status: 'Another #knitting' });
    const count = async () => (await call(server.url, `/api/v1/accounts/${kai.id}/featured_tags`)).body[0].statuses_count as string;
    await eventually(async () => (await count()) === '3', 10_000, 'a new post counted');
    await kai.masto.v1.statuses.$select(newest).update({ status: 'Another, no tag' });
    assert.equal(await count(), '2', 'an edit that drops the tag');
    await kai.masto.v1.statuses.$select(newest).update({ status: 'Another #knitting again' });
    assert.equal(await count(), '3', 'and one that brings it back');
    await kai.masto.v1.statuses.$select(older).remove();
    assert.equal(await count(), '2', 'a deleted post');

    const client = generator('mastodon', server.url, kai.token);
    await post(kai, { status: '#Crochet #crochet #weaving' });
    await server.app.jobs.idle();
    const suggested = (await client.getSuggestedTags()).data.map((t) => t.name);
    assert.ok(suggested.includes('Crochet') && suggested.includes('weaving') && !suggested.includes('Knitting'), suggested.join());
    assert.equal((await client.createFeaturedTag('weaving')).data.name, 'weaving');
    assert.deepEqual(
      (await client.getFeaturedTags()).data.map((t) => t.name),
      ['Knitting', 'weaving'],
      'most used first',
    );
    const tag = await kai.masto.v1.tags.$select('weaving').fetch();
    assert.equal(tag.featuring, true);
    assert.equal((await kai.masto.v1.tags.$select('weaving').unfeature()).featuring, false);
    assert.equal((await kai.masto.v1.tags.$select('crochet').feature()).featuring, true);
    const crochet = (await kai.masto.v1.featuredTags.list()).find((t) => t.name === 'Crochet')!;
    await kai.masto.v1.featuredTags.$select(crochet.id).remove();
    assert.deepEqual(
      (await kai.masto.v1.accounts.$select(kai.id).featuredTags.list()).map((t) => t.name),
      ['Knitting'],
    );
  });

  it('refuses bad featured tags with Mastodon-style errors', async () => {
    const lea = await person('lea_feat');
    const other = await person('other_feat');
    const bad = await call(server.url, '/api/v1/featured_tags', { token: lea.token, json: { name: 'not a tag' } });
    assert.equal(bad.status, 422);
    assert.equal(typeof bad.body.error, 'string');
    assert.equal((await call(server.url, '/api/v1/featured_tags', { token: lea.token, json: {} })).status, 422);
    for (let i = 0; i < 10; i++) assert.equal((await call(server.url, '/api/v1/featured_tags', { token: lea.token, json: { name: `topic${i}x` } })).status, 200);
    const eleventh = await call(server.url, '/api/v1/featured_tags', { token: lea.token, json: { name: 'onemore' } });
    assert.equal(eleventh.status, 422);
    assert.match(eleventh.body.error, /10/);
    const mine = (await call(server.url, '/api/v1/featured_tags', { token: lea.token })).body[0].id;
    assert.equal((await call(server.url, `/api/v1/featured_tags/${mine}`, { method: 'DELETE', token: other.token })).status, 404, "another's");
    assert.equal((await call(server.url, '/api/v1/featured_tags/nonsense', { method: 'DELETE', token: lea.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/featured_tags')).status, 401);
    assert.equal((await call(server.url, '/api/v1/accounts/1/featured_tags')).status, 404);
  });

  it('serves featured tags as the actor’s featuredTags collection, and the tagged posts page', async () => {
    const mia = await person('mia_ap');
    const tagged = await post(mia, { status: 'Rows and rows #Quilting' });
    await post(mia, { status: 'untagged' });
    await mia.masto.v1.featuredTags.create({ name: 'quilting' });
    const ap = { accept: 'application/activity+json' };
    const actor = (await fetch(`${server.url}/users/mia_ap`, { headers: ap }).then((r) => r.json())) as { featuredTags: string };
    assert.equal(actor.featuredTags, `${server.url}/users/mia_ap/collections/tags`);
    const collection = (await fetch(actor.featuredTags, { headers: ap }).then((r) => r.json())) as { type: string; totalItems: number; orderedItems: { type: string; name: string; href: string }[] };
    assert.equal(collection.type, 'OrderedCollection');
    assert.equal(collection.totalItems, 1);
    const item = collection.orderedItems[0]!;
    assert.deepEqual({ type: item.type, name: item.name, href: item.href }, { type: 'Hashtag', name: '#Quilting', href: `${server.url}/@mia_ap/tagged/quilting` });
    const page = await fetch(item.href).then((r) => r.text());
    assert.match(page, /Posts tagged #quilting/);
    assert.ok(page.includes(`/@mia_ap/${tagged}`) && !page.includes('untagged'));
  });
});
