// Two Parley servers on loopback, each with its own database, federating over HTTPS (a test CA):
// handles are found by WebFinger, activities are signed and checked, delivery goes through the
// durable queue. Everything is driven through the Mastodon API, as people's apps would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { call, signUp } from '../helpers/http.ts';
import { mp4, png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const FEDERATE = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' };

describe('two Parley servers federating', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let a: TestServer;
  let b: TestServer;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  let carol: Awaited<ReturnType<typeof signUp>>;
  let aliceOnB: string; // alice's account id as server B knows her
  let bobOnA: string;
  const handleOf = (username: string, server: TestServer) => `${username}@${new URL(server.url).host}`;

  before(async () => {
    [a, b] = await Promise.all([startServer(FEDERATE, { tls: tls!, proxy: true }), startServer(FEDERATE, { tls: tls!, proxy: true })]);
    [alice, bob, carol] = await Promise.all([signUp(a.url, 'alice'), signUp(b.url, 'bob'), signUp(b.url, 'carol')]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  /** Waits until every queued job (events, deliveries, inbox processing) ran on both servers. */
  const settle = () => Promise.all([a.app.jobs.idle(20_000), b.app.jobs.idle(20_000)]);

  it('finds a remote account by handle (WebFinger over HTTPS) and follows it', async () => {
    const found = await call(b.url, `/api/v1/accounts/search?q=${encodeURIComponent(handleOf('alice', a))}&resolve=true`, { token: bob.token });
    assert.equal(found.status, 200);
    assert.equal(found.body.length, 1);
    assert.equal(found.body[0].acct, handleOf('alice', a));
    assert.equal(found.body[0].uri, `${a.url}/users/alice`);
    aliceOnB = found.body[0].id;

    const follow = await call(b.url, `/api/v1/accounts/${aliceOnB}/follow`, { method: 'POST', token: bob.token });
    assert.equal(follow.status, 200);
    // Following a remote account waits for its server's Accept.
    assert.equal(follow.body.requested, true);
    const rel = await eventually(
      async () => {
        const r = await call(b.url, `/api/v1/accounts/relationships?id[]=${aliceOnB}`, { token: bob.token });
        return r.body[0].following ? r.body[0] : null;
      },
      20_000,
      'the Accept',
    );
    assert.equal(rel.requested, false);

    const aliceId = (await call(a.url, '/api/v1/accounts/verify_credentials', { token: alice.token })).body.id;
    const followers = await call(a.url, `/api/v1/accounts/${aliceId}/followers`, { token: alice.token });
    assert.deepEqual(
      followers.body.map((x: { acct: string }) => x.acct),
      [handleOf('bob', b)],
    );
    bobOnA = followers.body[0].id;
    const notes = await call(a.url, '/api/v1/notifications', { token: alice.token });
    assert.equal(notes.body[0].type, 'follow');
    assert.equal(notes.body[0].account.acct, handleOf('bob', b));
  });

  let aliceStatusOnB: string;
  let aliceStatusOnA: string;

  it('delivers a post to the follower: live on their open stream, home timeline, hashtags, language, mention notification', async () => {
    const ws = new WebSocket(`${b.url.replace('https', 'wss')}/api/v1/streaming?stream=user`, [bob.token]);
    const live: { event: string; payload: string }[] = [];
    ws.on('message', (d) => live.push(JSON.parse(String(d))));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const posted = await call(a.url, '/api/v1/statuses', {
      token: alice.token,
      json: { status: `Bonjour à tous, ceci est un message public #diplomatie @${handleOf('bob', b)}`, language: 'fr', spoiler_text: 'annonce' },
    });
    assert.equal(posted.status, 200);
    aliceStatusOnA = posted.body.id;
    assert.equal(posted.body.mentions[0].acct, handleOf('bob', b));
    const seen = await eventually(
      async () => {
        const home = await call(b.url, '/api/v1/timelines/home', { token: bob.token });
        return home.body.find((s: { uri: string }) => s.uri === posted.body.uri);
      },
      20_000,
      'the post on server B',
    );
    aliceStatusOnB = seen.id;
    const update = await eventually(async () => live.find((f) => f.event === 'update' && JSON.parse(f.payload).uri === posted.body.uri), 10_000, 'the live update');
    assert.equal(JSON.parse(update.payload).account.acct, handleOf('alice', a));
    ws.close();
    assert.equal(seen.account.acct, handleOf('alice', a));
    assert.equal(seen.language, 'fr');
    assert.equal(seen.spoiler_text, 'annonce');
    assert.equal(seen.sensitive, true);
    assert.equal(seen.visibility, 'public');
    assert.deepEqual(
      seen.tags.map((t: { name: string }) => t.name),
      ['diplomatie'],
    );
    assert.match(seen.content, /Bonjour/);
    const notes = await eventually(
      async () => {
        const n = await call(b.url, '/api/v1/notifications?types[]=mention', { token: bob.token });
        return n.body.length > 0 ? n.body : null;
      },
      10_000,
      'the mention',
    );
    assert.equal(notes[0].status.id, aliceStatusOnB);
    const tag = await call(b.url, '/api/v1/timelines/tag/diplomatie', { token: bob.token });
    assert.ok(tag.body.some((s: { id: string }) => s.id === aliceStatusOnB));
    // The federated timeline shows it; the local one does not.
    assert.ok((await call(b.url, '/api/v1/timelines/public?remote=true')).body.some((s: { id: string }) => s.id === aliceStatusOnB));
    assert.ok(!(await call(b.url, '/api/v1/timelines/public?local=true')).body.some((s: { id: string }) => s.id === aliceStatusOnB));
  });

  it('carries a reply, a favourite and a reblog back to the author', async () => {
    const reply = await call(b.url, '/api/v1/statuses', {
      token: bob.token,
      json: { status: `@${handleOf('alice', a)} Merci, bien reçu`, in_reply_to_id: aliceStatusOnB },
    });
    assert.equal(reply.status, 200);
    assert.equal((await call(b.url, `/api/v1/statuses/${aliceStatusOnB}/favourite`, { method: 'POST', token: bob.token })).status, 200);
    assert.equal((await call(b.url, `/api/v1/statuses/${aliceStatusOnB}/reblog`, { method: 'POST', token: bob.token })).status, 200);

    const counted = await eventually(
      async () => {
        const s = await call(a.url, `/api/v1/statuses/${aliceStatusOnA}`, { token: alice.token });
        return s.body.favourites_count === 1 && s.body.reblogs_count === 1 && s.body.replies_count === 1 ? s.body : null;
      },
      20_000,
      'favourite, reblog and reply counted on A',
    );
    assert.equal(counted.id, aliceStatusOnA);
    const context = await call(a.url, `/api/v1/statuses/${aliceStatusOnA}/context`, { token: alice.token });
    assert.equal(context.body.descendants.length, 1);
    assert.equal(context.body.descendants[0].account.acct, handleOf('bob', b));
    assert.equal(context.body.descendants[0].in_reply_to_id, aliceStatusOnA);
    const types = await eventually(
      async () => {
        const n = await call(a.url, '/api/v1/notifications', { token: alice.token });
        const t = new Set(n.body.map((x: { type: string }) => x.type));
        return t.has('favourite') && t.has('reblog') && t.has('mention') ? t : null;
      },
      10_000,
      'notifications on A',
    );
    assert.ok(types.has('follow'));
    const by = await call(a.url, `/api/v1/statuses/${aliceStatusOnA}/favourited_by`, { token: alice.token });
    assert.deepEqual(
      by.body.map((x: { acct: string }) => x.acct),
      [handleOf('bob', b)],
    );
  });

  it('undoes a favourite and a reblog', async () => {
    await call(b.url, `/api/v1/statuses/${aliceStatusOnB}/unfavourite`, { method: 'POST', token: bob.token });
    await call(b.url, `/api/v1/statuses/${aliceStatusOnB}/unreblog`, { method: 'POST', token: bob.token });
    await eventually(
      async () => {
        const s = await call(a.url, `/api/v1/statuses/${aliceStatusOnA}`, { token: alice.token });
        return s.body.favourites_count === 0 && s.body.reblogs_count === 0;
      },
      20_000,
      'undo counted on A',
    );
  });

  it('carries an edit, with its history, and a delete', async () => {
    const edited = await call(a.url, `/api/v1/statuses/${aliceStatusOnA}`, { method: 'PUT', token: alice.token, json: { status: 'Bonjour, message corrigé #diplomatie', language: 'fr' } });
    assert.equal(edited.status, 200);
    const seen = await eventually(
      async () => {
        const s = await call(b.url, `/api/v1/statuses/${aliceStatusOnB}`, { token: bob.token });
        return s.body.edited_at ? s.body : null;
      },
      20_000,
      'the edit on B',
    );
    assert.match(seen.content, /corrigé/);
    const history = await call(b.url, `/api/v1/statuses/${aliceStatusOnB}/history`, { token: bob.token });
    assert.equal(history.body.length, 2);

    assert.equal((await call(a.url, `/api/v1/statuses/${aliceStatusOnA}`, { method: 'DELETE', token: alice.token })).status, 200);
    await eventually(async () => (await call(b.url, `/api/v1/statuses/${aliceStatusOnB}`, { token: bob.token })).status === 404, 20_000, 'the delete on B');
    const home = await call(b.url, '/api/v1/timelines/home', { token: bob.token });
    assert.ok(!home.body.some((s: { id: string }) => s.id === aliceStatusOnB), 'gone from the home timeline too');
  });

  const uploadTo = async (server: TestServer, token: string, bytes: Buffer, description: string, focus?: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'file');
    form.append('description', description);
    if (focus) form.append('focus', focus);
    const r = await call(server.url, '/api/v1/media', { method: 'POST', token, body: form });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as { id: string; url: string; preview_url: string; blurhash: string };
  };

  it('carries attachments both ways: shown from their server with their alt text, in order, through edits', async () => {
    const photo = await uploadTo(a, alice.token, await png(64, 48, false), 'A harbour at dawn', '-0.2,0.4');
    const clip = await uploadTo(a, alice.token, await mp4(1), 'Waves');
    const posted = await call(a.url, '/api/v1/statuses', { token: alice.token, json: { status: 'Pictures from the coast', media_ids: [clip.id, photo.id] } });
    assert.equal(posted.status, 200);
    const seen = await eventually(
      async () => (await call(b.url, '/api/v1/timelines/home', { token: bob.token })).body.find((s: { uri: string }) => s.uri === posted.body.uri),
      20_000,
      'the post with attachments on B',
    );
    assert.deepEqual(
      seen.media_attachments.map((m: { type: string; url: string; remote_url: string; description: string }) => [m.type, m.url, m.remote_url, m.description]),
      [
        ['video', clip.url, clip.url, 'Waves'],
        ['image', photo.url, photo.url, 'A harbour at dawn'],
      ],
    );
    assert.equal(seen.media_attachments[1].meta.original.width, 64);
    // B makes its own previews (of the picture, and of the clip from its poster) and keeps A's blurhash and focal point.
    const previewed = await eventually(
      async () => {
        const media = (await call(b.url, `/api/v1/statuses/${seen.id}`, { token: bob.token })).body.media_attachments;
        return media.every((m: { preview_url: string }) => m.preview_url?.startsWith(`${b.url}/media/`)) ? media : null;
      },
      20_000,
      'B’s previews',
    );
    assert.equal(previewed[1].blurhash, photo.blurhash);
    assert.deepEqual(previewed[1].meta.focus, { x: -0.2, y: 0.4 });
    assert.equal(previewed[0].url, clip.url, 'the originals stay on A');
    const edited = await call(a.url, `/api/v1/statuses/${posted.body.id}`, { method: 'PUT', token: alice.token, json: { status: 'One picture from the coast', media_ids: [photo.id] } });
    assert.equal(edited.status, 200);
    await eventually(async () => (await call(b.url, `/api/v1/statuses/${seen.id}`, { token: bob.token })).body.media_attachments?.length === 1, 20_000, 'the edit without the clip on B');

    // And back: bob answers with a picture of his own; alice's server shows it in her mention.
    const answer = await uploadTo(b, bob.token, await png(32, 32, false), 'A lighthouse');
    const reply = await call(b.url, '/api/v1/statuses', { token: bob.token, json: { status: `@${handleOf('alice', a)} here is mine`, in_reply_to_id: seen.id, media_ids: [answer.id] } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const mention = await eventually(
      async () => (await call(a.url, '/api/v1/notifications?types[]=mention', { token: alice.token })).body.find((n: { status?: { uri: string } }) => n.status?.uri === reply.body.uri),
      20_000,
      'the reply with its picture on A',
    );
    assert.deepEqual(
      mention.status.media_attachments.map((m: { remote_url: string; description: string }) => [m.remote_url, m.description]),
      [[answer.url, 'A lighthouse']],
    );
  });

  it('keeps a followers-only post from everyone but followers on the other server', async () => {
    const posted = await call(a.url, '/api/v1/statuses', { token: alice.token, json: { status: 'Pour mes abonnés seulement', visibility: 'private' } });
    const seen = await eventually(
      async () => {
        const home = await call(b.url, '/api/v1/timelines/home', { token: bob.token });
        return home.body.find((s: { uri: string }) => s.uri === posted.body.uri);
      },
      20_000,
      'the private post on B',
    );
    assert.equal(seen.visibility, 'private');
    await settle();
    // carol (on B) does not follow alice: every door of B keeps it from her.
    assert.equal((await call(b.url, `/api/v1/statuses/${seen.id}`, { token: carol.token })).status, 404);
    assert.equal((await call(b.url, `/api/v1/statuses/${seen.id}`)).status, 404);
    const carolHome = await call(b.url, '/api/v1/timelines/home', { token: carol.token });
    assert.equal(carolHome.body.length, 0);
    const publicTl = await call(b.url, '/api/v1/timelines/public');
    assert.ok(!publicTl.body.some((s: { id: string }) => s.id === seen.id));
    const profile = await call(b.url, `/api/v1/accounts/${aliceOnB}/statuses`, { token: carol.token });
    assert.ok(!profile.body.some((s: { id: string }) => s.id === seen.id));
    // And its ActivityPub object is not served to anyone who asks.
    const ap = await fetch(posted.body.uri, { headers: { accept: 'application/activity+json' } });
    assert.equal(ap.status, 404);
  });

  it('follows a locked account only once its owner accepts', async () => {
    await call(a.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: alice.token, json: { locked: true } });
    const carolFound = await call(b.url, `/api/v1/accounts/search?q=${encodeURIComponent(handleOf('alice', a))}&resolve=true`, { token: carol.token });
    const target = carolFound.body[0].id;
    await call(b.url, `/api/v1/accounts/${target}/follow`, { method: 'POST', token: carol.token });
    const request = await eventually(
      async () => {
        const r = await call(a.url, '/api/v1/follow_requests', { token: alice.token });
        return r.body[0];
      },
      20_000,
      'the follow request on A',
    );
    assert.equal(request.acct, handleOf('carol', b));
    await settle();
    let rel = (await call(b.url, `/api/v1/accounts/relationships?id[]=${target}`, { token: carol.token })).body[0];
    assert.equal(rel.following, false);
    assert.equal(rel.requested, true);
    assert.equal((await call(a.url, `/api/v1/follow_requests/${request.id}/authorize`, { method: 'POST', token: alice.token })).status, 200);
    rel = await eventually(
      async () => {
        const r = (await call(b.url, `/api/v1/accounts/relationships?id[]=${target}`, { token: carol.token })).body[0];
        return r.following ? r : null;
      },
      20_000,
      'the Accept on B',
    );
    assert.equal(rel.requested, false);
  });

  it('carries a profile change to the servers that follow', async () => {
    await call(a.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: alice.token, json: { display_name: 'Alice, Ambassador', note: 'Office hours on Fridays' } });
    const seen = await eventually(
      async () => {
        const r = await call(b.url, `/api/v1/accounts/${aliceOnB}`, { token: bob.token });
        return r.body.display_name === 'Alice, Ambassador' ? r.body : null;
      },
      20_000,
      'the Update on B',
    );
    assert.match(seen.note, /Office hours/);
  });

  it('unfollows across servers', async () => {
    await call(b.url, `/api/v1/accounts/${aliceOnB}/unfollow`, { method: 'POST', token: bob.token });
    const aliceId = (await call(a.url, '/api/v1/accounts/verify_credentials', { token: alice.token })).body.id;
    await eventually(
      async () => {
        const followers = await call(a.url, `/api/v1/accounts/${aliceId}/followers`, { token: alice.token });
        return !followers.body.some((x: { id: string }) => x.id === bobOnA);
      },
      20_000,
      'the Undo on A',
    );
  });

  it('answers every request with a conforming Mastodon entity', () => {
    assert.deepEqual([...a.problems, ...b.problems], []);
  });
});
