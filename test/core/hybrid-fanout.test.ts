// Hybrid fan-out: posts of accounts above the follower threshold are not pushed into feeds but
// pulled when followers read their home timeline, and reach their open streams through the author.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { about, channel, hiding, listening, rawSocket, updateIds, type RawSocket } from '../helpers/streaming.ts';

type Person = Awaited<ReturnType<typeof signUp>> & { id: string };

describe('hybrid fan-out (pull threshold 2 followers)', () => {
  let server: TestServer;
  let outsider: Person;

  before(async () => {
    server = await startServer({ PARLEY_FANOUT_PULL_THRESHOLD: '2' });
    outsider = await person('outsider');
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  async function person(name: string): Promise<Person> {
    const who = await signUp(server.url, name);
    return { ...who, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token: who.token })).body.id };
  }

  /**
   * Each test's own star, followed by three fans: above the threshold. `pulled`: the star has
   * posted once, so it is known to be pulled before the test begins.
   */
  async function crowd(tag: string, pulled = true): Promise<{ star: Person; fans: Person[] }> {
    const star = await person(`star${tag}`);
    const fans = [await person(`fan1${tag}`), await person(`fan2${tag}`), await person(`fan3${tag}`)];
    for (const fan of fans) await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: fan.token });
    if (pulled) await post(star, { status: 'above the threshold' });
    await server.app.jobs.idle();
    return { star, fans };
  }

  const home = async (token: string, query = '') => (await call(server.url, `/api/v1/timelines/home${query}`, { token })).body as { id: string }[];
  const post = async (who: Person, json: Record<string, unknown>) => (await call(server.url, '/api/v1/statuses', { token: who.token, json })).body.id as string;
  const userStream = (who: Person) => rawSocket(server.url, '?stream=user', [who.token]);
  const publicStream = (who: Person) => rawSocket(server.url, '?stream=public', [who.token]);
  /** Subscribing sends no reply: resolves once the socket hears this channel. */
  const hears = (socket: RawSocket, on: string) => listening(server.app.bus, on, socket);
  const isUpdate = (id: string) => (f: { event?: string; payload?: string }) => f.event === 'update' && about(id)(f);

  it('shows the post that made the author cross the threshold at once, to followers who read their home just before', async () => {
    const { star, fans } = await crowd('a', false);
    // Feeds that hold a pushed post (an empty feed is rebuilt from the follows on every read).
    const pal = await person('pal');
    const late = await person('latefan');
    for (const reader of [fans[1]!, late]) await call(server.url, `/api/v1/accounts/${pal.id}/follow`, { method: 'POST', token: reader.token });
    const hello = await post(pal, { status: 'hello' });
    await server.app.jobs.idle();
    // Reading home now makes the server remember that these readers pull nobody.
    for (const reader of [fans[1]!, late])
      assert.deepEqual(
        (await home(reader.token)).map((s) => s.id),
        [hello],
      );

    const first = await post(star, { status: 'now above the threshold' });
    await server.app.jobs.idle();
    const pushed = await server.app.database.pool.query('select count(*)::int as n from home_feeds where status_id = $1', [first]);
    assert.equal(pushed.rows[0].n, server.app.redis ? 0 : 1, 'pulled from its first post on: only the author’s own feed row');
    assert.deepEqual(
      (await home(fans[1]!.token)).map((s) => s.id),
      [first, hello],
    );
    // A new follower of a pulled account sees its posts as soon as the follow is made (before the
    // job that merges recent posts into its feed has run), and none once an unfollow is done with.
    await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: late.token });
    assert.deepEqual(
      (await home(late.token)).map((s) => s.id),
      [first, hello],
    );
    await call(server.url, `/api/v1/accounts/${star.id}/unfollow`, { method: 'POST', token: late.token });
    await server.app.jobs.idle();
    assert.deepEqual(
      (await home(late.token)).map((s) => s.id),
      [hello],
    );
  });

  it('does not push, yet every follower sees the post at once, in order with pushed posts', async () => {
    const { star, fans } = await crowd('b');
    const friend = await person('smallfriend');
    await call(server.url, `/api/v1/accounts/${friend.id}/follow`, { method: 'POST', token: fans[0]!.token });
    const a = await post(star, { status: 'one for a crowd' });
    const b = await post(friend, { status: 'one for a friend' });
    const c = await post(star, { status: 'followers only', visibility: 'private' });
    await server.app.jobs.idle();
    const pushed = await server.app.database.pool.query('select count(*)::int as n from home_feeds where status_id = $1', [a]);
    assert.equal(pushed.rows[0].n, server.app.redis ? 0 : 1, 'only the author’s own feed row');
    assert.deepEqual((await home(fans[0]!.token)).map((s) => s.id).slice(0, 3), [c, b, a]);
    for (const fan of fans.slice(1)) assert.deepEqual((await home(fan.token)).map((s) => s.id).slice(0, 2), [c, a]);
    assert.ok(!(await home(outsider.token)).some((s) => s.id === a || s.id === c));
    // Paging runs across both sources.
    const first = await home(fans[0]!.token, '?limit=1');
    const second = await home(fans[0]!.token, `?limit=1&max_id=${first[0]!.id}`);
    const third = await home(fans[0]!.token, `?limit=1&max_id=${second[0]!.id}`);
    assert.deepEqual(
      [first, second, third].map((p) => p[0]!.id),
      [c, b, a],
    );
    const above = await home(fans[0]!.token, `?limit=2&min_id=${a}`);
    assert.deepEqual(
      above.map((s) => s.id),
      [c, b],
    );
  });

  it('delivers the pulled account’s posts live, and their deletion', async () => {
    const { star, fans } = await crowd('c');
    const fan = await userStream(fans[1]!);
    const stranger = await userStream(outsider);
    await hears(fan, channel.author(star.id));
    await hears(stranger, channel.author(outsider.id));
    const breaking = await post(star, { status: 'breaking', visibility: 'private' });
    await fan.next(isUpdate(breaking));
    await call(server.url, `/api/v1/statuses/${breaking}`, { method: 'DELETE', token: star.token });
    await fan.next((f) => f.event === 'delete' && about(breaking)(f));
    // Sentinel: the outsider's own post, made once all that was published, reaches its stream.
    await server.app.jobs.idle();
    const own = await post(outsider, { status: 'meanwhile, outside' });
    await stranger.next(isUpdate(own));
    assert.ok(!stranger.frames.some(about(breaking)), 'a private post of a pulled account reaches followers only');
    fan.ws.close();
    stranger.ws.close();
  });

  it('follows relation changes on open streams: an unfollow, a follow and a mute take effect without reconnecting', async () => {
    const { star, fans } = await crowd('d');
    const [leaver, joiner, other] = [await person('leaver'), await person('joiner'), await person('elsewhere')];
    await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: leaver.token });
    const leaving = await userStream(leaver);
    const joining = await userStream(joiner);
    const staying = await userStream(fans[0]!);
    const muting = await publicStream(fans[0]!);
    await hears(leaving, channel.author(star.id));
    await hears(joining, channel.user(joiner.id));
    await hears(staying, channel.author(star.id));
    await hears(muting, channel.public('all'));

    await call(server.url, `/api/v1/accounts/${star.id}/unfollow`, { method: 'POST', token: leaver.token });
    await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: joiner.token });
    await call(server.url, `/api/v1/accounts/${star.id}/mute`, { method: 'POST', token: fans[2]!.token });
    // The leaver then follows someone else: once its stream hears them, it has read the leaver's
    // follows again, the unfollow with them.
    await call(server.url, `/api/v1/accounts/${other.id}/follow`, { method: 'POST', token: leaver.token });
    await hears(leaving, channel.author(other.id));
    await hears(joining, channel.author(star.id));
    const publicMuter = await publicStream(fans[2]!);
    await hears(publicMuter, channel.public('all'));
    const secret = await post(star, { status: 'for followers, after the change', visibility: 'private' });
    const loud = await post(star, { status: 'for everyone' });
    await server.app.jobs.idle();
    // Sentinels, once those are published: the star's next post on its channel and the public
    // one, then another account's public post, which the leaver follows.
    const lastWord = await post(star, { status: 'the last word' });
    await server.app.jobs.idle();
    const aside = await post(other, { status: 'an aside' });
    for (const s of [staying, joining]) await s.next(isUpdate(lastWord));
    for (const s of [leaving, muting, publicMuter]) await s.next(isUpdate(aside));
    const before = (s: RawSocket) => updateIds(s).filter((id) => id !== lastWord && id !== aside);
    assert.deepEqual(before(staying), [secret, loud], 'a follower still gets both');
    assert.deepEqual(before(joining), [secret, loud], 'a new follower gets them without reconnecting');
    assert.deepEqual(before(leaving), [], 'an unfollowed account’s posts stop at once, private ones above all');
    assert.deepEqual(before(publicMuter), [], 'a muted account is left out of public streams');
    assert.ok(!updateIds(publicMuter).includes(lastWord));
    assert.deepEqual(before(muting), [loud], 'the public stream of someone who does not mute carries the public post only');

    // And a mute made while the public stream is open.
    await call(server.url, `/api/v1/accounts/${star.id}/mute`, { method: 'POST', token: fans[0]!.token });
    await hiding(server.app.bus, channel.public('all'), muting, star.id);
    const muted = await post(star, { status: 'muted now' });
    await server.app.jobs.idle();
    const sentinel = await post(other, { status: 'after the mute' });
    await muting.next(isUpdate(sentinel));
    assert.ok(!updateIds(muting).includes(muted), 'a mute made while the stream is open applies to it');
    for (const s of [leaving, joining, staying, muting, publicMuter]) s.ws.close();
  });

  it('keeps mutes and unfollows in force for pulled posts', async () => {
    const { star, fans } = await crowd('e');
    await call(server.url, `/api/v1/accounts/${star.id}/mute`, { method: 'POST', token: fans[2]!.token });
    const muted = await post(star, { status: 'muted away' });
    assert.ok(!(await home(fans[2]!.token)).some((s) => s.id === muted));
    await call(server.url, `/api/v1/accounts/${star.id}/unfollow`, { method: 'POST', token: fans[1]!.token });
    assert.ok(!(await home(fans[1]!.token)).some((s) => s.id === muted));
    assert.ok((await home(fans[0]!.token)).some((s) => s.id === muted));
  });

  it('applies each follow’s choices to pulled posts: reblogs, languages, replies to others', async () => {
    const { star } = await crowd('f');
    const [plain, picky, friendly, other] = [await signUp(server.url, 'plainfan'), await signUp(server.url, 'pickyfan'), await signUp(server.url, 'friendlyfan'), await signUp(server.url, 'otherone')];
    const otherId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: other.token })).body.id;
    await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: plain.token });
    await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: picky.token, json: { reblogs: false, languages: ['fr'] } });
    await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: friendly.token });
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
    const { star } = await crowd('g');
    const reader = await signUp(server.url, 'deepreader');
    await call(server.url, `/api/v1/accounts/${star.id}/follow`, { method: 'POST', token: reader.token });
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
    const { fans } = await crowd('h', false);
    const author = await person('quietgrower');
    const authorId = author.id;
    await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: fans[0]!.token });
    const early = await post(author, { status: 'from before the crowd' });
    await server.app.jobs.idle();
    // Now above the threshold, not yet marked: the deletion (which holds the author's counts) must
    // not wait for the marking, nor the marking for it.
    for (const fan of fans.slice(1)) await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: fan.token });
    const deleted = await call(server.url, `/api/v1/statuses/${early}`, { method: 'DELETE', token: author.token });
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    await server.app.jobs.idle();
    assert.ok(!(await home(fans[0]!.token)).some((s) => s.id === early));
  });
});
