import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

type User = Awaited<ReturnType<typeof signUp>> & { id: string };

async function user(base: string, name: string): Promise<User> {
  const u = await signUp(base, name);
  const me = await call(base, '/api/v1/accounts/verify_credentials', { token: u.token });
  return { ...u, id: me.body.id };
}

describe('statuses over HTTP', () => {
  let server: TestServer;
  let ana: User;
  let ben: User;
  before(async () => {
    server = await startServer();
    ana = await user(server.url, 'ana');
    ben = await user(server.url, 'ben');
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  const post = (u: User, json: Record<string, unknown>, headers?: Record<string, string>) => call(server.url, '/api/v1/statuses', { token: u.token, json, headers });

  it('posts with links, mentions and hashtags rendered, and detects the language', async () => {
    const r = await post(ana, { status: 'Bonjour à tous, la conférence de presse commence bientôt @ben #Presse https://embassy.example/live' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.language, 'fr');
    assert.equal(r.body.visibility, 'public');
    assert.equal(r.body.account.username, 'ana');
    assert.deepEqual(
      r.body.mentions.map((m: { acct: string }) => m.acct),
      ['ben'],
    );
    assert.deepEqual(
      r.body.tags.map((t: { name: string }) => t.name),
      ['presse'],
    );
    assert.match(r.body.content, /class="u-url mention">@<span>ben<\/span><\/a>/);
    assert.match(r.body.content, /class="mention hashtag" rel="tag">#<span>Presse<\/span>/);
    assert.match(r.body.content, /<a href="https:\/\/embassy.example\/live"/);
    assert.equal(r.body.application.name, 'test');
    assert.equal(r.body.favourited, false);
    // The answer is built from what was written, not read back: it says what the database holds.
    const held = await server.app.database.pool.query(
      `select (select array_agg(a.username) from status_mentions m join accounts a on a.id = m.account_id where m.status_id = s.id) as mentioned,
              (select array_agg(t.name) from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id) as tags, o.name as app
       from statuses s left join oauth_apps o on o.id = s.app_id where s.id = $1`,
      [r.body.id],
    );
    assert.deepEqual(held.rows[0], { mentioned: ['ben'], tags: ['presse'], app: 'test' });
    assert.equal(r.body.url, `${server.url}/@ana/${r.body.id}`);
    // Fan-out counts new posts on the profile, a moment after the answer.
    await server.app.jobs.idle();
    const me = await call(server.url, '/api/v1/accounts/verify_credentials', { token: ana.token });
    assert.equal(me.body.statuses_count, 1);
    const nodeinfo = await call(server.url, '/nodeinfo/2.1');
    assert.equal(nodeinfo.body.usage.localPosts, 1);
  });

  it('refuses empty, too long and unsupported posts with 422', async () => {
    assert.equal((await post(ana, { status: '   ' })).status, 422);
    const long = await post(ana, { status: 'x'.repeat(501) });
    assert.equal(long.status, 422);
    assert.match(long.body.error, /character limit of 500/);
    // A link counts as 23 characters however long it is.
    assert.equal((await post(ana, { status: `${'y'.repeat(470)} https://example.com/${'z'.repeat(200)}` })).status, 200);
    assert.equal((await post(ana, { status: 'hi', visibility: 'everyone' })).status, 422);
    assert.equal((await post(ana, { status: 'hi', media_ids: ['1'] })).status, 422);
    assert.equal((await post(ana, { status: 'hi', in_reply_to_id: '12345' })).status, 404);
    assert.equal((await post(ana, { status: 'hi', in_reply_to_id: 'abc' })).status, 422);
  });

  it('returns the first status again for a repeated Idempotency-Key', async () => {
    const a = await post(ana, { status: 'only once' }, { 'Idempotency-Key': 'k-1' });
    const b = await post(ana, { status: 'only once' }, { 'Idempotency-Key': 'k-1' });
    assert.equal(a.body.id, b.body.id);
    const c = await post(ben, { status: 'only once' }, { 'Idempotency-Key': 'k-1' });
    assert.notEqual(c.body.id, a.body.id, 'keys are per account');
  });

  it('edits with history and source, and deletes returning the text for redrafting', async () => {
    const s = await post(ana, { status: 'Frist draft', spoiler_text: '' });
    const edited = await call(server.url, `/api/v1/statuses/${s.body.id}`, { method: 'PUT', token: ana.token, json: { status: 'First draft #fixed', spoiler_text: 'cw' } });
    assert.equal(edited.status, 200);
    assert.ok(edited.body.edited_at);
    assert.equal(edited.body.spoiler_text, 'cw');
    assert.equal(edited.body.sensitive, true);
    const history = await call(server.url, `/api/v1/statuses/${s.body.id}/history`, { token: ana.token });
    assert.deepEqual(
      history.body.map((h: { content: string }) => h.content.replace(/<[^>]+>/g, '')),
      ['Frist draft', 'First draft #fixed'],
    );
    const source = await call(server.url, `/api/v1/statuses/${s.body.id}/source`, { token: ana.token });
    assert.deepEqual(source.body, { id: s.body.id, text: 'First draft #fixed', spoiler_text: 'cw' });
    assert.equal((await call(server.url, `/api/v1/statuses/${s.body.id}`, { method: 'PUT', token: ben.token, json: { status: 'hijack' } })).status, 404);
    const deleted = await call(server.url, `/api/v1/statuses/${s.body.id}`, { method: 'DELETE', token: ana.token });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.text, 'First draft #fixed');
    assert.equal((await call(server.url, `/api/v1/statuses/${s.body.id}`)).status, 404);
    assert.equal((await call(server.url, `/api/v1/statuses/${s.body.id}`, { method: 'DELETE', token: ana.token })).status, 404);
  });

  it('threads replies: context, counts and in_reply_to', async () => {
    const root = await post(ana, { status: 'Question time' });
    const r1 = await post(ben, { status: '@ana what about visas?', in_reply_to_id: root.body.id });
    const r2 = await post(ana, { status: '@ben see the site', in_reply_to_id: r1.body.id });
    const other = await post(ben, { status: 'second answer', in_reply_to_id: root.body.id });
    assert.equal(r1.body.in_reply_to_id, root.body.id);
    assert.equal(r1.body.in_reply_to_account_id, ana.id);
    const ctx = await call(server.url, `/api/v1/statuses/${r1.body.id}/context`);
    assert.deepEqual(
      ctx.body.ancestors.map((s: { id: string }) => s.id),
      [root.body.id],
    );
    assert.deepEqual(
      ctx.body.descendants.map((s: { id: string }) => s.id),
      [r2.body.id],
    );
    const full = await call(server.url, `/api/v1/statuses/${root.body.id}/context`);
    assert.deepEqual(
      full.body.descendants.map((s: { id: string }) => s.id),
      [r1.body.id, r2.body.id, other.body.id],
    );
    // Counted on the parent by fan-out's batch, just after.
    await eventually(async () => (await call(server.url, `/api/v1/statuses/${root.body.id}`)).body.replies_count === 2, 10_000, 'two replies counted');
  });

  it('favourites, reblogs, bookmarks and pins, with lists and counts', async () => {
    const s = await post(ana, { status: 'Share this advisory' });
    const fav = await call(server.url, `/api/v1/statuses/${s.body.id}/favourite`, { method: 'POST', token: ben.token });
    assert.equal(fav.body.favourited, true);
    assert.equal(fav.body.favourites_count, 1);
    await call(server.url, `/api/v1/statuses/${s.body.id}/favourite`, { method: 'POST', token: ben.token });
    const reb = await call(server.url, `/api/v1/statuses/${s.body.id}/reblog`, { method: 'POST', token: ben.token });
    assert.equal(reb.status, 200);
    assert.equal(reb.body.reblog.id, s.body.id);
    assert.equal(reb.body.reblog.reblogged, true);
    assert.equal(reb.body.reblog.reblogs_count, 1);
    const by = await call(server.url, `/api/v1/statuses/${s.body.id}/favourited_by`);
    assert.deepEqual(
      by.body.map((a: { username: string }) => a.username),
      ['ben'],
    );
    const rby = await call(server.url, `/api/v1/statuses/${s.body.id}/reblogged_by`);
    assert.deepEqual(
      rby.body.map((a: { username: string }) => a.username),
      ['ben'],
    );
    await call(server.url, `/api/v1/statuses/${s.body.id}/bookmark`, { method: 'POST', token: ben.token });
    const favs = await call(server.url, '/api/v1/favourites', { token: ben.token });
    assert.deepEqual(
      favs.body.map((x: { id: string }) => x.id),
      [s.body.id],
    );
    const marks = await call(server.url, '/api/v1/bookmarks', { token: ben.token });
    assert.equal(marks.body[0].bookmarked, true);
    const unreb = await call(server.url, `/api/v1/statuses/${reb.body.id}/unreblog`, { method: 'POST', token: ben.token });
    assert.equal(unreb.body.reblogged, false);
    assert.equal(unreb.body.reblogs_count, 0);
    const pin = await call(server.url, `/api/v1/statuses/${s.body.id}/pin`, { method: 'POST', token: ana.token });
    assert.equal(pin.body.pinned, true);
    assert.equal((await call(server.url, `/api/v1/statuses/${s.body.id}/pin`, { method: 'POST', token: ben.token })).status, 404, 'only your own');
    const pinned = await call(server.url, `/api/v1/accounts/${ana.id}/statuses?pinned=true`);
    assert.deepEqual(
      pinned.body.map((x: { id: string }) => x.id),
      [s.body.id],
    );
    const asOther = await call(server.url, `/api/v1/statuses/${s.body.id}`, { token: ben.token });
    assert.equal(asOther.body.pinned, undefined, 'pinned is only said to the author');
    for (let i = 0; i < 4; i++) {
      const extra = await post(ana, { status: `pin ${i}` });
      assert.equal((await call(server.url, `/api/v1/statuses/${extra.body.id}/pin`, { method: 'POST', token: ana.token })).status, 200);
    }
    const sixth = await post(ana, { status: 'one too many' });
    assert.equal((await call(server.url, `/api/v1/statuses/${sixth.body.id}/pin`, { method: 'POST', token: ana.token })).status, 422);
  });

  it('pages through an account with Link headers, as Mastodon does', async () => {
    const carla = await user(server.url, 'carla');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await post(carla, { status: `number ${i}` })).body.id);
    const newest = [...ids].reverse();
    const first = await call(server.url, `/api/v1/accounts/${carla.id}/statuses?limit=3`);
    assert.deepEqual(
      first.body.map((s: { id: string }) => s.id),
      newest.slice(0, 3),
    );
    const link = first.headers.get('link')!;
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const prev = /<([^>]+)>; rel="prev"/.exec(link)![1]!;
    assert.equal(new URL(next).searchParams.get('max_id'), newest[2]);
    assert.equal(new URL(next).searchParams.get('limit'), '3');
    assert.equal(new URL(prev).searchParams.get('min_id'), newest[0]);
    const second = await call(server.url, new URL(next).pathname + new URL(next).search);
    assert.deepEqual(
      second.body.map((s: { id: string }) => s.id),
      newest.slice(3, 6),
    );
    const since = await call(server.url, `/api/v1/accounts/${carla.id}/statuses?since_id=${ids[2]}&limit=2`);
    assert.deepEqual(
      since.body.map((s: { id: string }) => s.id),
      [ids[6], ids[5]],
      'since_id gives the newest',
    );
    const min = await call(server.url, `/api/v1/accounts/${carla.id}/statuses?min_id=${ids[2]}&limit=2`);
    assert.deepEqual(
      min.body.map((s: { id: string }) => s.id),
      [ids[4], ids[3]],
      'min_id gives the ones just after',
    );
    const empty = await call(server.url, `/api/v1/accounts/${carla.id}/statuses?max_id=${ids[0]}`);
    assert.deepEqual(empty.body, []);
    assert.equal(empty.headers.get('link'), null);
    // Without parameters, and with a path sent percent-encoded: the links name the path as sent.
    const plain = await call(server.url, `/api/v1/accounts/${carla.id}/statuses`);
    assert.equal(
      plain.headers.get('link'),
      `<${server.url}/api/v1/accounts/${carla.id}/statuses?max_id=${ids[0]}>; rel="next", <${server.url}/api/v1/accounts/${carla.id}/statuses?min_id=${ids[6]}>; rel="prev"`,
    );
    const tagged = (await post(carla, { status: 'un #café noir' })).body.id;
    const tag = await call(server.url, '/api/v1/timelines/tag/caf%C3%A9?limit=1&any[]=th%C3%A9');
    assert.deepEqual(
      tag.body.map((s: { id: string }) => s.id),
      [tagged],
    );
    const tagNext = /<([^>]+)>; rel="next"/.exec(tag.headers.get('link')!)![1]!;
    assert.equal(tagNext, `${server.url}/api/v1/timelines/tag/caf%C3%A9?limit=1&any%5B%5D=th%C3%A9&max_id=${tagged}`);
  });

  it('builds home timelines by fan-out, and follow, unfollow and locked accounts work', async () => {
    const dana = await user(server.url, 'dana');
    const eli = await user(server.url, 'eli');
    const rel = await call(server.url, `/api/v1/accounts/${dana.id}/follow`, { method: 'POST', token: eli.token });
    assert.equal(rel.body.following, true);
    const s = await post(dana, { status: 'to my followers', visibility: 'private' });
    const home = await eventually(
      async () => {
        const r = await call(server.url, '/api/v1/timelines/home', { token: eli.token });
        return r.body.some((x: { id: string }) => x.id === s.body.id) ? r : null;
      },
      10_000,
      'the post in the follower home',
    );
    assert.equal(home.body[0].visibility, 'private');
    const counts = await call(server.url, `/api/v1/accounts/${dana.id}`);
    assert.equal(counts.body.followers_count, 1);
    const followers = await call(server.url, `/api/v1/accounts/${dana.id}/followers`);
    assert.deepEqual(
      followers.body.map((a: { username: string }) => a.username),
      ['eli'],
    );

    await call(server.url, `/api/v1/accounts/${dana.id}/unfollow`, { method: 'POST', token: eli.token });
    await eventually(
      async () => {
        const r = await call(server.url, '/api/v1/timelines/home', { token: eli.token });
        return r.body.every((x: { id: string }) => x.id !== s.body.id);
      },
      10_000,
      'unfollow to clear the home feed',
    );

    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: dana.token, json: { locked: true } });
    const req = await call(server.url, `/api/v1/accounts/${dana.id}/follow`, { method: 'POST', token: eli.token });
    assert.equal(req.body.following, false);
    assert.equal(req.body.requested, true);
    const pending = await call(server.url, '/api/v1/follow_requests', { token: dana.token });
    assert.deepEqual(
      pending.body.map((a: { username: string }) => a.username),
      ['eli'],
    );
    const me = await call(server.url, '/api/v1/accounts/verify_credentials', { token: dana.token });
    assert.equal(me.body.source.follow_requests_count, 1);
    const ok = await call(server.url, `/api/v1/follow_requests/${eli.id}/authorize`, { method: 'POST', token: dana.token });
    assert.equal(ok.body.followed_by, true);
    const rels = await call(server.url, `/api/v1/accounts/relationships?id[]=${dana.id}`, { token: eli.token });
    assert.equal(rels.body[0].following, true);
    // A new follow merges recent posts into the follower's feed.
    await eventually(
      async () => {
        const r = await call(server.url, '/api/v1/timelines/home', { token: eli.token });
        return r.body.some((x: { id: string }) => x.id === s.body.id);
      },
      10_000,
      'merge on follow',
    );
  });

  it('hides followers and following from others when the account asks, not from itself', async () => {
    const nia = await user(server.url, 'nia');
    const oto = await user(server.url, 'oto');
    await call(server.url, `/api/v1/accounts/${nia.id}/follow`, { method: 'POST', token: oto.token });
    const names = (r: { body: { username: string }[] }) => r.body.map((a) => a.username);
    assert.deepEqual(names(await call(server.url, `/api/v1/accounts/${nia.id}/followers`)), ['oto']);
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: nia.token, json: { hide_collections: true } });
    assert.deepEqual(names(await call(server.url, `/api/v1/accounts/${nia.id}/followers`, { token: oto.token })), []);
    assert.deepEqual(names(await call(server.url, `/api/v1/accounts/${nia.id}/followers`, { token: nia.token })), ['oto']);
    assert.equal((await call(server.url, '/api/v1/accounts/1/followers')).status, 404);
  });

  it('rebuilds an empty home feed from followed accounts when it is read', async () => {
    const lou = await user(server.url, 'lou');
    const max = await user(server.url, 'max');
    await call(server.url, `/api/v1/accounts/${lou.id}/follow`, { method: 'POST', token: max.token });
    const posts = [];
    for (let i = 0; i < 3; i++) posts.push((await post(lou, { status: `archived ${i}` })).body.id);
    await server.app.jobs.idle();
    // Lose the feed, as an expired Redis key or a feed never built would.
    if (server.app.redis) await server.app.redis.del(`${server.app.config.redisPrefix}feed:home:${max.id}`);
    else await server.app.database.pool.query('delete from home_feeds where account_id = $1', [max.id]);
    const home = await call(server.url, '/api/v1/timelines/home', { token: max.token });
    assert.deepEqual(home.body.map((x: { id: string }) => x.id).slice(0, 3), [...posts].reverse());
    const again = await call(server.url, `/api/v1/timelines/home?max_id=${posts[2]}`, { token: max.token });
    assert.deepEqual(again.body.map((x: { id: string }) => x.id).slice(0, 2), [posts[1], posts[0]], 'the rebuilt feed pages on');
  });

  it('notifies of mentions, follows, favourites and reblogs, with filters, unread count and dismissal', async () => {
    const fay = await user(server.url, 'fay');
    const gil = await user(server.url, 'gil');
    await call(server.url, `/api/v1/accounts/${fay.id}/follow`, { method: 'POST', token: gil.token });
    const s = await post(fay, { status: 'hello' });
    await call(server.url, `/api/v1/statuses/${s.body.id}/favourite`, { method: 'POST', token: gil.token });
    await call(server.url, `/api/v1/statuses/${s.body.id}/reblog`, { method: 'POST', token: gil.token });
    await post(gil, { status: '@fay hi there' });
    const all = await call(server.url, '/api/v1/notifications', { token: fay.token });
    assert.deepEqual(
      all.body.map((n: { type: string }) => n.type),
      ['mention', 'reblog', 'favourite', 'follow'],
    );
    assert.equal(all.body[1].status.id, s.body.id);
    const only = await call(server.url, '/api/v1/notifications?types[]=favourite&types[]=follow', { token: fay.token });
    assert.deepEqual(
      only.body.map((n: { type: string }) => n.type),
      ['favourite', 'follow'],
    );
    const except = await call(server.url, '/api/v1/notifications?exclude_types[]=mention', { token: fay.token });
    assert.equal(except.body.length, 3);
    assert.equal((await call(server.url, '/api/v1/notifications/unread_count', { token: fay.token })).body.count, 4);
    await call(server.url, '/api/v1/markers', { token: fay.token, json: { notifications: { last_read_id: all.body[1].id } } });
    assert.equal((await call(server.url, '/api/v1/notifications/unread_count', { token: fay.token })).body.count, 1);
    const markers = await call(server.url, '/api/v1/markers?timeline[]=notifications', { token: fay.token });
    assert.equal(markers.body.notifications.last_read_id, all.body[1].id);
    const one = await call(server.url, `/api/v1/notifications/${all.body[0].id}`, { token: fay.token });
    assert.equal(one.body.type, 'mention');
    assert.equal((await call(server.url, `/api/v1/notifications/${all.body[0].id}`, { token: gil.token })).status, 404);
    await call(server.url, `/api/v1/notifications/${all.body[0].id}/dismiss`, { method: 'POST', token: fay.token });
    assert.equal((await call(server.url, '/api/v1/notifications', { token: fay.token })).body.length, 3);
    await call(server.url, '/api/v1/notifications/clear', { method: 'POST', token: fay.token });
    assert.deepEqual((await call(server.url, '/api/v1/notifications', { token: fay.token })).body, []);
  });

  it('notifies followers who asked for it of new posts (follow with notify)', async () => {
    const jon = await user(server.url, 'jon');
    const kai = await user(server.url, 'kai');
    const rel = await call(server.url, `/api/v1/accounts/${jon.id}/follow`, { method: 'POST', token: kai.token, json: { notify: true, languages: ['en'] } });
    assert.equal(rel.body.notifying, true);
    assert.deepEqual(rel.body.languages, ['en']);
    const s = await post(jon, { status: 'New advisory published for travellers this week', language: 'en' });
    const n = await eventually(
      async () => {
        const r = await call(server.url, '/api/v1/notifications?types[]=status', { token: kai.token });
        return r.body[0];
      },
      10_000,
      'status notification',
    );
    assert.equal(n.status.id, s.body.id);
    // The follow asked for English only: a Thai post stays out of the home feed.
    const thai = await post(jon, { status: 'ประกาศสำหรับนักเดินทางในสัปดาห์นี้', language: 'th' });
    await server.app.jobs.idle();
    const home = await call(server.url, '/api/v1/timelines/home', { token: kai.token });
    assert.ok(home.body.some((x: { id: string }) => x.id === s.body.id));
    assert.ok(!home.body.some((x: { id: string }) => x.id === thai.body.id));
  });

  it('blocks and mutes take effect everywhere', async () => {
    const hal = await user(server.url, 'hal');
    const ida = await user(server.url, 'ida');
    await call(server.url, `/api/v1/accounts/${hal.id}/follow`, { method: 'POST', token: ida.token });
    const s = await post(hal, { status: 'loud news #blocktest' });
    const blocked = await call(server.url, `/api/v1/accounts/${ida.id}/block`, { method: 'POST', token: hal.token });
    assert.equal(blocked.body.blocking, true);
    assert.equal(blocked.body.followed_by, false, 'a block removes the follow');
    assert.equal((await call(server.url, `/api/v1/statuses/${s.body.id}`, { token: ida.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/accounts/${hal.id}/follow`, { method: 'POST', token: ida.token })).status, 403);
    const tag = await call(server.url, '/api/v1/timelines/tag/blocktest', { token: ida.token });
    assert.deepEqual(tag.body, []);
    const blocks = await call(server.url, '/api/v1/blocks', { token: hal.token });
    assert.deepEqual(
      blocks.body.map((a: { username: string }) => a.username),
      ['ida'],
    );
    await call(server.url, `/api/v1/accounts/${ida.id}/unblock`, { method: 'POST', token: hal.token });

    const muted = await call(server.url, `/api/v1/accounts/${hal.id}/mute`, { method: 'POST', token: ida.token, json: { duration: 3600, notifications: true } });
    assert.equal(muted.body.muting, true);
    assert.equal(muted.body.muting_notifications, true);
    assert.deepEqual((await call(server.url, '/api/v1/timelines/tag/blocktest', { token: ida.token })).body, []);
    assert.equal((await call(server.url, '/api/v1/timelines/tag/blocktest')).body.length, 1, 'others still see it');
    await post(hal, { status: '@ida are you there' });
    assert.deepEqual((await call(server.url, '/api/v1/notifications', { token: ida.token })).body, [], 'no notification from a muted account');
    const mutes = await call(server.url, '/api/v1/mutes', { token: ida.token });
    assert.deepEqual(
      mutes.body.map((a: { username: string }) => a.username),
      ['hal'],
    );
  });

  it('gives 404 for unknown ids and 4xx for bad parameters everywhere', async () => {
    for (const path of ['/api/v1/statuses/1', '/api/v1/statuses/1/context', '/api/v1/statuses/1/history', '/api/v1/accounts/1/statuses', '/api/v1/statuses/1/favourited_by']) {
      assert.equal((await call(server.url, path, { token: ana.token })).status, 404, path);
    }
    for (const path of ['favourite', 'reblog', 'bookmark', 'pin', 'mute']) {
      assert.equal((await call(server.url, `/api/v1/statuses/1/${path}`, { method: 'POST', token: ana.token })).status, 404, path);
    }
    assert.equal((await call(server.url, '/api/v1/accounts/1/follow', { method: 'POST', token: ana.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/accounts/${ana.id}/follow`, { method: 'POST', token: ana.token })).status, 403);
    assert.equal((await call(server.url, '/api/v1/timelines/home?limit=abc', { token: ana.token })).status, 422);
    assert.equal((await call(server.url, '/api/v1/timelines/home?max_id=abc', { token: ana.token })).status, 422);
    assert.equal((await call(server.url, '/api/v1/timelines/home')).status, 401);
    assert.equal((await call(server.url, '/api/v1/accounts/1/mute', { method: 'POST', token: ana.token, json: { duration: -5 } })).status, 422);
  });

  it('links every hashtag of posts made at once that create the same new tags', async () => {
    const tag = `fresh${Date.now().toString(36)}`;
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => post(i % 2 ? ana : ben, { status: `Number ${i} #${tag} #Other${tag} #parley` })));
    for (const r of made) assert.equal(r.status, 200, JSON.stringify(r.body));
    for (const r of made) {
      const read = await call(server.url, `/api/v1/statuses/${r.body.id}`, { token: ana.token });
      assert.deepEqual(read.body.tags.map((t: { name: string }) => t.name).sort(), [tag, `other${tag}`, 'parley'].sort());
      // The POST answer is built from what was written, not read back: every tag linked.
      assert.deepEqual(r.body.tags.map((t: { name: string }) => t.name).sort(), [tag, `other${tag}`, 'parley'].sort());
    }
    const timeline = await call(server.url, `/api/v1/timelines/tag/${tag}?limit=40`, { token: ana.token });
    assert.equal(timeline.body.length, 12);
  });
});
