// "No private post leaks anywhere": for each post visibility and each kind of viewer, what every
// Mastodon API endpoint shows. Black-box, table-driven; every failure names endpoint, viewer and post.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { call, signUp, type Reply } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const VIEWERS = ['author', 'follower', 'stranger', 'mentioned', 'blocked', 'muter', 'anonymous'] as const;
type Viewer = (typeof VIEWERS)[number];
type Member = Exclude<Viewer, 'anonymous'>;
const MEMBERS = VIEWERS.filter((v): v is Member => v !== 'anonymous');

const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
type Vis = (typeof VISIBILITIES)[number];

/** The author's four posts, plus the replies that make up the threads. */
type Post = Vis | 'publicReply' | 'privateReply' | 'privateReplyOnPublic';
const POSTS: readonly Post[] = [...VISIBILITIES, 'publicReply', 'privateReply', 'privateReplyOnPublic'];
const POST_LABEL: Record<Post, string> = {
  public: 'public post',
  unlisted: 'unlisted post',
  private: 'private post',
  direct: 'direct post',
  publicReply: "follower's public reply to the public post",
  privateReply: "author's private reply to the private post",
  privateReplyOnPublic: "author's private reply to the public post",
};

const except = (...who: Viewer[]) => VIEWERS.filter((v) => !who.includes(v));

/**
 * Who may see each post at all (by id, in a thread, in any list): Mastodon's StatusPolicy#show?.
 * The author blocks `blocked`; `muter` follows the author (a mute hides from lists, not from lookups);
 * `mentioned` is mentioned in the four posts but not in the replies, and follows no one.
 */
const SEES: Record<Post, readonly Viewer[]> = {
  public: except('blocked'),
  unlisted: except('blocked'),
  private: ['author', 'follower', 'muter', 'mentioned'],
  direct: ['author', 'mentioned'],
  publicReply: VIEWERS,
  privateReply: ['author', 'follower', 'muter'],
  privateReplyOnPublic: ['author', 'follower', 'muter'],
};
const canSee = (viewer: Viewer, post: Post) => SEES[post].includes(viewer);

interface Person {
  token: string;
  id: string;
}

let server: TestServer;
const people = {} as Record<Member, Person>;
const ids = {} as Record<Post, string>;
const byId = new Map<string, Post>();

const tokenOf = (viewer: Viewer): string | undefined => (viewer === 'anonymous' ? undefined : people[viewer].token);
const get = (viewer: Viewer, path: string) => call(server.url, path, { token: tokenOf(viewer) });
const post = (viewer: Viewer, path: string, json: unknown = {}) => call(server.url, path, { token: tokenOf(viewer), json });

/** Setup steps fail loudly, naming the step, so a missing endpoint is not mistaken for a wrong answer. */
function must<T>(reply: Reply<T>, step: string): T {
  if (reply.status !== 200) throw new Error(`setup: ${step} → HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply.body;
}

function describeReply(reply: Reply): string {
  return `HTTP ${reply.status} ${typeof reply.body === 'string' ? reply.body.slice(0, 200) : JSON.stringify(reply.body).slice(0, 300)}`;
}

/** Every status entity anywhere in a response body (lists, threads, reblogs, notifications, quotes…). */
function statusesIn(body: unknown, found: any[] = []): any[] {
  if (Array.isArray(body)) for (const item of body) statusesIn(item, found);
  else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.visibility === 'string' && 'account' in o && 'content' in o) found.push(o);
    for (const value of Object.values(o)) if (value && typeof value === 'object') statusesIn(value, found);
  }
  return found;
}

/** The invariant behind every check: nothing in any response is a post the viewer may not see. */
function assertNoLeak(label: string, viewer: Viewer, body: unknown) {
  const leaks = statusesIn(body)
    .map((s) => byId.get(s.id))
    .filter((p): p is Post => p !== undefined && !canSee(viewer, p));
  assert.deepEqual(
    [...new Set(leaks)].map((p) => POST_LABEL[p]),
    [],
    `${label}: leaks posts the viewer may not see`,
  );
}

/** Which of the author's four posts a list shows, compared per visibility with what it should show. */
function assertShows(label: string, statuses: any[], expected: readonly Vis[]) {
  const shown = new Set(statuses.map((s) => byId.get(s.id)).filter((p) => p !== undefined));
  const wrong: string[] = [];
  for (const vis of VISIBILITIES) {
    const want = expected.includes(vis);
    if (want && !shown.has(vis)) wrong.push(`${vis}: expected shown, was absent`);
    if (!want && shown.has(vis)) wrong.push(`${vis}: expected absent, was shown`);
  }
  assert.deepEqual(wrong, [], label);
}

/** Polls until `ok` holds (or the time is up) and returns the last reply; assertions then explain any failure. */
async function until(load: () => Promise<Reply>, ok: (reply: Reply) => boolean, timeoutMs = 10_000): Promise<Reply> {
  const deadline = Date.now() + timeoutMs;
  let reply = await load();
  while (!ok(reply) && Date.now() < deadline) {
    await sleep(100);
    reply = await load();
  }
  return reply;
}

const showsAll = (reply: Reply, posts: readonly Post[]) => reply.status === 200 && Array.isArray(reply.body) && posts.every((p) => reply.body.some((s: { id: string }) => s.id === ids[p]));

describe('visibility: no private post leaks anywhere', () => {
  before(async () => {
    server = await startServer();
    for (const name of MEMBERS) {
      const { token } = await signUp(server.url, name);
      const me = must(await call(server.url, '/api/v1/accounts/verify_credentials', { token }), `verify_credentials for ${name}`);
      people[name] = { token, id: me.id };
    }
    const author = people.author.id;
    // blocked follows first: the block then removes that follow.
    for (const who of ['follower', 'muter', 'blocked'] as const) {
      const rel = must(await post(who, `/api/v1/accounts/${author}/follow`), `${who} follows author`);
      if (rel.following !== true) throw new Error(`setup: ${who} follows author → not following (is the author locked?): ${JSON.stringify(rel)}`);
    }
    must(await post('author', `/api/v1/accounts/${people.blocked.id}/block`), 'author blocks blocked');
    must(await post('muter', `/api/v1/accounts/${author}/mute`), 'muter mutes author');

    for (const visibility of VISIBILITIES) {
      const s = must(await post('author', '/api/v1/statuses', { status: `@mentioned hello #vistest ${visibility}`, visibility }), `author posts ${visibility}`);
      if (s.visibility !== visibility) throw new Error(`setup: author posts ${visibility} → got visibility ${s.visibility}`);
      ids[visibility] = s.id;
    }
    const reply = (who: Member, to: Vis, status: string, visibility: Vis, step: string) =>
      post(who, '/api/v1/statuses', { status, visibility, in_reply_to_id: ids[to] }).then((r) => must(r, step).id as string);
    ids.publicReply = await reply('follower', 'public', 'nice one', 'public', 'follower replies publicly to the public post');
    ids.privateReply = await reply('author', 'private', 'a private follow-up', 'private', 'author replies privately to the private post');
    ids.privateReplyOnPublic = await reply('author', 'public', 'followers-only aside', 'private', 'author replies privately to the public post');
    for (const p of POSTS) byId.set(ids[p], p);
  });

  after(async () => {
    if (!server) return;
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  // ---------------------------------------------------------------------------------------------
  // One status at a time: 200 when the viewer may see it, 404 otherwise (never 403: that would
  // confirm the post exists).
  const single: { endpoint: string; path: (id: string) => string; check?: (reply: Reply, vis: Vis) => void }[] = [
    {
      endpoint: 'GET /api/v1/statuses/:id',
      path: (id) => `/api/v1/statuses/${id}`,
      check: (r, vis) => {
        assert.equal(r.body.id, ids[vis]);
        assert.equal(r.body.visibility, vis);
      },
    },
    { endpoint: 'GET /api/v1/statuses/:id/context', path: (id) => `/api/v1/statuses/${id}/context` },
    { endpoint: 'GET /api/v1/statuses/:id/favourited_by', path: (id) => `/api/v1/statuses/${id}/favourited_by` },
    { endpoint: 'GET /api/v1/statuses/:id/reblogged_by', path: (id) => `/api/v1/statuses/${id}/reblogged_by` },
    { endpoint: 'GET /api/v1/statuses/:id/history', path: (id) => `/api/v1/statuses/${id}/history` },
  ];
  for (const { endpoint, path, check } of single) {
    describe(endpoint, () => {
      for (const viewer of VIEWERS) {
        for (const vis of VISIBILITIES) {
          const visible = canSee(viewer, vis);
          it(`${viewer} × ${vis} → ${visible ? 200 : 404}`, async () => {
            const r = await get(viewer, path(ids[vis]));
            const label = `${endpoint} as ${viewer}, ${vis} post`;
            assert.equal(r.status, visible ? 200 : 404, `${label}: ${describeReply(r)}`);
            if (visible) check?.(r, vis);
            else assert.equal(typeof r.body?.error, 'string', `${label}: a 404 carries {error}`);
            assertNoLeak(label, viewer, r.body);
          });
        }
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Threads: a reply is shown only to those who may see it, and a parent only to those who may see it.
  describe('GET /api/v1/statuses/:id/context (thread contents)', () => {
    // [thread root, 'ancestors' | 'descendants', post looked for, viewer → expected present (undefined: not asserted)]
    // A muter's view of the muted author's replies is left open (Mastodon drops muted accounts from threads).
    const rows: [Post, 'ancestors' | 'descendants', Post, Partial<Record<Viewer, boolean>>][] = [
      ['public', 'descendants', 'publicReply', { author: true, follower: true, stranger: true, mentioned: true, muter: true, anonymous: true }],
      ['public', 'descendants', 'privateReplyOnPublic', { author: true, follower: true, stranger: false, mentioned: false, anonymous: false }],
      ['private', 'descendants', 'privateReply', { author: true, follower: true, mentioned: false }],
      ['publicReply', 'ancestors', 'public', { author: true, follower: true, stranger: true, mentioned: true, anonymous: true, blocked: false }],
      ['privateReply', 'ancestors', 'private', { author: true, follower: true }],
    ];
    for (const [root, side, target, expected] of rows) {
      for (const viewer of VIEWERS) {
        const rootVisible = canSee(viewer, root);
        const want = expected[viewer];
        const outcome = !rootVisible ? '404' : want === undefined ? 'no leak' : want ? 'shown' : 'absent';
        it(`${POST_LABEL[target]} in ${side} of the ${POST_LABEL[root]}, as ${viewer} → ${outcome}`, async () => {
          const label = `GET /api/v1/statuses/:id/context of the ${POST_LABEL[root]} as ${viewer}`;
          const r = await get(viewer, `/api/v1/statuses/${ids[root]}/context`);
          assert.equal(r.status, rootVisible ? 200 : 404, `${label}: ${describeReply(r)}`);
          assertNoLeak(label, viewer, r.body);
          if (!rootVisible || want === undefined) return;
          assert.ok(Array.isArray(r.body?.[side]), `${label}: has ${side}`);
          const present = r.body[side].some((s: { id: string }) => s.id === ids[target]);
          assert.equal(present, want, `${label}: ${POST_LABEL[target]} should be ${want ? 'in' : 'absent from'} ${side}`);
        });
      }
    }
  });

  // ---------------------------------------------------------------------------------------------
  describe('GET /api/v1/statuses?id[]= (batch)', () => {
    for (const viewer of VIEWERS) {
      const expected = POSTS.filter((p) => canSee(viewer, p));
      it(`${viewer} gets exactly: ${expected.join(', ') || 'nothing'}`, async () => {
        const query = POSTS.map((p) => `id[]=${ids[p]}`).join('&');
        const r = await get(viewer, `/api/v1/statuses?${query}`);
        const label = `GET /api/v1/statuses?id[]= as ${viewer}`;
        assert.equal(r.status, 200, `${label}: ${describeReply(r)}`);
        assertNoLeak(label, viewer, r.body);
        const got = (r.body as { id: string }[]).map((s) => byId.get(s.id)).filter((p) => p !== undefined);
        assert.deepEqual([...got].sort(), [...expected].sort(), `${label}: returns only (and all) the posts the viewer may see`);
      });
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Lists of statuses: which of the author's four posts each viewer gets.
  describe('GET /api/v1/accounts/:author/statuses', () => {
    const expected: Record<Viewer, readonly Vis[]> = {
      author: VISIBILITIES,
      follower: ['public', 'unlisted', 'private'],
      muter: ['public', 'unlisted', 'private'],
      mentioned: VISIBILITIES,
      stranger: ['public', 'unlisted'],
      anonymous: ['public', 'unlisted'],
      blocked: [],
    };
    for (const viewer of VIEWERS) {
      it(`${viewer} sees: ${expected[viewer].join(', ') || 'nothing'}`, async () => {
        const r = await get(viewer, `/api/v1/accounts/${people.author.id}/statuses?limit=40`);
        const label = `GET /api/v1/accounts/:author/statuses as ${viewer}`;
        assertNoLeak(label, viewer, r.body);
        if (viewer === 'blocked' && r.status === 404) return; // Mastodon answers a blocked viewer with 404 or an empty list
        assert.equal(r.status, 200, `${label}: ${describeReply(r)}`);
        assertShows(label, r.body, expected[viewer]);
        if (viewer === 'blocked') assert.deepEqual(r.body, [], `${label}: a blocked viewer gets no statuses at all`);
      });
    }
  });

  const publicLists: { endpoint: string; path: string }[] = [
    { endpoint: 'GET /api/v1/timelines/public', path: '/api/v1/timelines/public?limit=40' },
    { endpoint: 'GET /api/v1/timelines/public?local=true', path: '/api/v1/timelines/public?local=true&limit=40' },
    { endpoint: 'GET /api/v1/timelines/tag/vistest', path: '/api/v1/timelines/tag/vistest?limit=40' },
  ];
  for (const { endpoint, path } of publicLists) {
    describe(endpoint, () => {
      for (const viewer of VIEWERS) {
        const hidesAuthor = viewer === 'muter' || viewer === 'blocked';
        it(`${viewer} sees: ${hidesAuthor ? 'none of the author’s posts' : 'the public post only'}`, async () => {
          const r = await get(viewer, path);
          const label = `${endpoint} as ${viewer}`;
          assert.equal(r.status, 200, `${label}: ${describeReply(r)}`);
          assertNoLeak(label, viewer, r.body);
          assertShows(label, r.body, hidesAuthor ? [] : ['public']);
          const notPublic = statusesIn(r.body).filter((s) => s.visibility !== 'public');
          assert.deepEqual(
            notPublic.map((s) => `${s.id} (${s.visibility})`),
            [],
            `${label}: only public statuses belong in a public timeline`,
          );
          if (hidesAuthor) {
            const byAuthor = statusesIn(r.body).filter((s) => s.account?.id === people.author.id);
            assert.deepEqual(
              byAuthor.map((s) => s.id),
              [],
              `${label}: nothing by the ${viewer === 'muter' ? 'muted' : 'blocking'} author`,
            );
          }
        });
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Home timelines are filled by background jobs: wait for the ones that should fill up, then give
  // stragglers a moment before asserting what must stay out.
  describe('GET /api/v1/timelines/home', () => {
    const expected: Record<Member, readonly Vis[]> = {
      author: VISIBILITIES,
      follower: ['public', 'unlisted', 'private'],
      mentioned: [], // not a follower: Mastodon delivers only to followers (direct: to mentioned followers)
      muter: [],
      stranger: [],
      blocked: [],
    };
    const home = (viewer: Member) => get(viewer, '/api/v1/timelines/home?limit=40');
    let settled: Promise<void> | undefined;
    const fannedOut = () =>
      (settled ??= (async () => {
        await Promise.all(
          (['author', 'follower'] as const).map((v) =>
            until(
              () => home(v),
              (r) => showsAll(r, expected[v]),
            ),
          ),
        );
        // Every fan-out done: whatever else was to reach a home feed has.
        await server.app.jobs.idle();
      })());

    for (const viewer of MEMBERS) {
      it(`${viewer} sees: ${expected[viewer].join(', ') || 'none of the author’s posts'}`, async () => {
        await fannedOut();
        const r = await until(
          () => home(viewer),
          (reply) => showsAll(reply, expected[viewer]),
        );
        const label = `GET /api/v1/timelines/home as ${viewer}`;
        assert.equal(r.status, 200, `${label}: ${describeReply(r)}`);
        assertNoLeak(label, viewer, r.body);
        assertShows(label, r.body, expected[viewer]);
        if (viewer === 'muter' || viewer === 'blocked') {
          const byAuthor = statusesIn(r.body).filter((s) => s.account?.id === people.author.id);
          assert.deepEqual(
            byAuthor.map((s) => s.id),
            [],
            `${label}: nothing by the ${viewer === 'muter' ? 'muted' : 'blocking'} author`,
          );
        }
      });
    }
    it('anonymous → 401', async () => {
      const r = await get('anonymous', '/api/v1/timelines/home');
      assert.equal(r.status, 401, `GET /api/v1/timelines/home as anonymous: ${describeReply(r)}`);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('GET /api/v1/notifications', () => {
    const mentionsOf = (reply: Reply) => (Array.isArray(reply.body) ? (reply.body as any[]).filter((n) => n.type === 'mention').map((n) => n.status?.id as string) : []);
    const notifications = (viewer: Member) => get(viewer, '/api/v1/notifications?limit=80');
    let delivered: Promise<void> | undefined;
    const mentionsDelivered = () =>
      (delivered ??= (async () => {
        await until(
          () => notifications('mentioned'),
          (r) => VISIBILITIES.every((v) => mentionsOf(r).includes(ids[v])),
        );
        await server.app.jobs.idle();
      })());

    for (const viewer of MEMBERS) {
      const expected: readonly Vis[] = viewer === 'mentioned' ? VISIBILITIES : [];
      it(`${viewer} gets mention notifications for: ${expected.join(', ') || 'none of the posts'}`, async () => {
        await mentionsDelivered();
        const r = await notifications(viewer);
        const label = `GET /api/v1/notifications (type mention) as ${viewer}`;
        assert.equal(r.status, 200, `${label}: ${describeReply(r)}`);
        assertNoLeak(label, viewer, r.body);
        const mentioned = new Set(mentionsOf(r));
        const wrong = VISIBILITIES.flatMap((vis) => {
          const want = expected.includes(vis);
          const has = mentioned.has(ids[vis]);
          return want === has ? [] : [`${vis}: expected ${want ? 'a' : 'no'} mention notification, ${has ? 'got one' : 'got none'}`];
        });
        assert.deepEqual(wrong, [], label);
        if (viewer !== 'mentioned') assert.deepEqual([...mentioned], [], `${label}: no mention notifications at all`);
      });
    }
    it('anonymous → 401', async () => {
      const r = await get('anonymous', '/api/v1/notifications');
      assert.equal(r.status, 401, `GET /api/v1/notifications as anonymous: ${describeReply(r)}`);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('GET /api/v1/accounts/relationships', () => {
    it('blocked sees blocked_by and no follow left; muter sees muting and still following', async () => {
      const asBlocked = await get('blocked', `/api/v1/accounts/relationships?id[]=${people.author.id}`);
      assert.equal(asBlocked.status, 200, `relationships as blocked: ${describeReply(asBlocked)}`);
      assert.equal(asBlocked.body[0]?.id, people.author.id);
      assert.equal(asBlocked.body[0].blocked_by, true, 'relationships as blocked: blocked_by');
      assert.equal(asBlocked.body[0].following, false, 'relationships as blocked: the block removed the follow');
      const asMuter = await get('muter', `/api/v1/accounts/relationships?id[]=${people.author.id}`);
      assert.equal(asMuter.status, 200, `relationships as muter: ${describeReply(asMuter)}`);
      assert.equal(asMuter.body[0]?.muting, true, 'relationships as muter: muting');
      assert.equal(asMuter.body[0].following, true, 'relationships as muter: still following');
      const asAuthor = await get('author', `/api/v1/accounts/relationships?id[]=${people.blocked.id}`);
      assert.equal(asAuthor.body[0]?.blocking, true, 'relationships as author: blocking');
      assert.equal(asAuthor.body[0].followed_by, false, 'relationships as author: blocked no longer follows');
    });
  });

  // ---------------------------------------------------------------------------------------------
  // Acting on posts. Reads above run first; these add favourites (and refused reblogs) only.
  describe('POST /api/v1/statuses/:id/favourite', () => {
    for (const viewer of VIEWERS) {
      for (const vis of VISIBILITIES) {
        const expected = viewer === 'anonymous' ? 401 : canSee(viewer, vis) ? 200 : 404;
        it(`${viewer} × ${vis} → ${expected}`, async () => {
          const r = await post(viewer, `/api/v1/statuses/${ids[vis]}/favourite`);
          const label = `POST /api/v1/statuses/:id/favourite as ${viewer}, ${vis} post`;
          assert.equal(r.status, expected, `${label}: ${describeReply(r)}`);
          if (expected !== 200) assert.equal(typeof r.body?.error, 'string', `${label}: carries {error}`);
          assertNoLeak(label, viewer, r.body);
        });
      }
    }
    it('favourited_by of the private post lists the follower to the follower, and is 404 to a stranger', async () => {
      const r = await get('follower', `/api/v1/statuses/${ids.private}/favourited_by`);
      assert.equal(r.status, 200, `favourited_by as follower: ${describeReply(r)}`);
      assert.ok(
        (r.body as { id: string }[]).some((a) => a.id === people.follower.id),
        'GET /api/v1/statuses/:id/favourited_by as follower, private post: lists the follower',
      );
      const stranger = await get('stranger', `/api/v1/statuses/${ids.private}/favourited_by`);
      assert.equal(stranger.status, 404, `favourited_by as stranger, private post: ${describeReply(stranger)}`);
    });
  });

  describe('POST /api/v1/statuses/:id/reblog (private and direct posts cannot be reblogged)', () => {
    // The author may reblog their own private post (Mastodon allows it), so that cell is left out.
    const cells = VIEWERS.flatMap((viewer) => (['private', 'direct'] as const).filter((vis) => !(viewer === 'author' && vis === 'private')).map((vis) => [viewer, vis] as const));
    for (const [viewer, vis] of cells) {
      const expected = viewer === 'anonymous' ? '401' : canSee(viewer, vis) ? '403 or 422' : '404';
      it(`${viewer} × ${vis} → ${expected}`, async () => {
        const r = await post(viewer, `/api/v1/statuses/${ids[vis]}/reblog`);
        const label = `POST /api/v1/statuses/:id/reblog as ${viewer}, ${vis} post`;
        if (viewer === 'anonymous') assert.equal(r.status, 401, `${label}: ${describeReply(r)}`);
        else if (canSee(viewer, vis)) assert.ok(r.status === 403 || r.status === 422, `${label}: expected 403 or 422, got ${describeReply(r)}`);
        else assert.equal(r.status, 404, `${label}: a post the viewer may not see is not found: ${describeReply(r)}`);
        assert.equal(typeof r.body?.error, 'string', `${label}: carries {error}`);
      });
    }
    it('nothing was reblogged: reblogged_by of the private and direct posts is empty for the author', async () => {
      for (const vis of ['private', 'direct'] as const) {
        const r = await get('author', `/api/v1/statuses/${ids[vis]}/reblogged_by`);
        assert.equal(r.status, 200, `reblogged_by as author, ${vis} post: ${describeReply(r)}`);
        assert.deepEqual(r.body, [], `GET /api/v1/statuses/:id/reblogged_by as author, ${vis} post: no reblogs`);
      }
    });
  });

  // ---------------------------------------------------------------------------------------------
  // A bad token is refused, never treated as anonymous (which would still show public posts).
  describe('a garbage token → 401', () => {
    const paths: [string, () => string][] = [
      ['GET /api/v1/statuses/:id', () => `/api/v1/statuses/${ids.public}`],
      ['GET /api/v1/statuses/:id/context', () => `/api/v1/statuses/${ids.public}/context`],
      ['GET /api/v1/statuses/:id/favourited_by', () => `/api/v1/statuses/${ids.public}/favourited_by`],
      ['GET /api/v1/statuses?id[]=', () => `/api/v1/statuses?id[]=${ids.public}&id[]=${ids.private}`],
      ['GET /api/v1/accounts/:id/statuses', () => `/api/v1/accounts/${people.author.id}/statuses`],
      ['GET /api/v1/timelines/public', () => '/api/v1/timelines/public'],
      ['GET /api/v1/timelines/public?local=true', () => '/api/v1/timelines/public?local=true'],
      ['GET /api/v1/timelines/tag/vistest', () => '/api/v1/timelines/tag/vistest'],
      ['GET /api/v1/timelines/home', () => '/api/v1/timelines/home'],
      ['GET /api/v1/notifications', () => '/api/v1/notifications'],
      ['GET /api/v1/accounts/relationships', () => `/api/v1/accounts/relationships?id[]=${people.author.id}`],
    ];
    for (const [endpoint, path] of paths) {
      it(endpoint, async () => {
        const r = await call(server.url, path(), { token: 'not-a-real-token' });
        assert.equal(r.status, 401, `${endpoint} with a garbage token: ${describeReply(r)}`);
        assert.equal(typeof r.body?.error, 'string', `${endpoint} with a garbage token: carries {error}`);
      });
    }
  });
});
