// Posting and reading driven by masto.js and megalodon, as Mastodon apps would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import generator, { type MegalodonInterface } from 'megalodon';
import { signUp } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { eventually } from './helpers/wait.ts';

describe('posting and reading with masto.js', () => {
  let server: TestServer;
  let amira: mastodon.rest.Client;
  let bruno: mastodon.rest.Client;
  let amiraId: string;
  let brunoId: string;

  before(async () => {
    server = await startServer();
    amira = createRestAPIClient({ url: server.url, accessToken: (await signUp(server.url, 'amira')).token });
    bruno = createRestAPIClient({ url: server.url, accessToken: (await signUp(server.url, 'bruno')).token });
    amiraId = (await amira.v1.accounts.verifyCredentials()).id;
    brunoId = (await bruno.v1.accounts.verifyCredentials()).id;
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  it('follows, posts, reads the home timeline, replies and reads the thread', async () => {
    const rel = await bruno.v1.accounts.$select(amiraId).follow();
    assert.equal(rel.following, true);
    const post = await amira.v1.statuses.create({ status: 'Embassy open hours today: 9 to 5 #consular', visibility: 'public', language: 'en' });
    const home = await eventually(
      async () => {
        const page = await bruno.v1.timelines.home.list({ limit: 20 });
        return page.find((s) => s.id === post.id);
      },
      10_000,
      'post in home',
    );
    assert.equal(home.account.id, amiraId);
    const reply = await bruno.v1.statuses.create({ status: '@amira open on Saturday too?', inReplyToId: post.id });
    const context = await amira.v1.statuses.$select(post.id).context.fetch();
    assert.deepEqual(
      context.descendants.map((s) => s.id),
      [reply.id],
    );
    const notifications = await amira.v1.notifications.list();
    assert.deepEqual(notifications.map((n) => n.type).sort(), ['follow', 'mention']);
  });

  it('favourites, reblogs, bookmarks, pins, edits with history and deletes', async () => {
    const post = await amira.v1.statuses.create({ status: 'Visa office moves to Room 4' });
    assert.equal((await bruno.v1.statuses.$select(post.id).favourite()).favourited, true);
    const reblog = await bruno.v1.statuses.$select(post.id).reblog();
    assert.equal(reblog.reblog?.id, post.id);
    assert.equal((await bruno.v1.statuses.$select(post.id).bookmark()).bookmarked, true);
    assert.equal((await amira.v1.statuses.$select(post.id).pin()).pinned, true);
    const edited = await amira.v1.statuses.$select(post.id).update({ status: 'Visa office moves to Room 5' });
    assert.ok(edited.editedAt);
    const history = await amira.v1.statuses.$select(post.id).history.list();
    assert.equal(history.length, 2);
    assert.match(history[1]!.content, /Room 5/);
    const types = (await amira.v1.notifications.list({ types: ['favourite', 'reblog'] })).map((n) => n.type);
    assert.deepEqual(types, ['reblog', 'favourite']);
    const updates = await bruno.v1.notifications.list({ types: ['update'] });
    assert.equal(updates[0]?.status?.id, post.id, 'the reblogger is told of the edit');
    const removed = await amira.v1.statuses.$select(post.id).remove();
    assert.equal(removed.text, 'Visa office moves to Room 5');
    await assert.rejects(bruno.v1.statuses.$select(post.id).fetch());
  });

  it('pages through a timeline by following Link headers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await amira.v1.statuses.create({ status: `page ${i} #paging` })).id);
    const seen: string[] = [];
    for await (const page of bruno.v1.timelines.tag.$select('paging').list({ limit: 2 })) {
      seen.push(...page.map((s) => s.id));
      if (seen.length > 10) break;
    }
    assert.deepEqual(seen, [...ids].reverse());
  });

  it('handles a locked account with a follow request', async () => {
    await amira.v1.accounts.updateCredentials({ locked: true });
    const carol = createRestAPIClient({ url: server.url, accessToken: (await signUp(server.url, 'carol')).token });
    const carolId = (await carol.v1.accounts.verifyCredentials()).id;
    const rel = await carol.v1.accounts.$select(amiraId).follow();
    assert.equal(rel.requested, true);
    const requests = await amira.v1.followRequests.list();
    assert.deepEqual(
      requests.map((a) => a.id),
      [carolId],
    );
    const notes = await amira.v1.notifications.list({ types: ['follow_request'] });
    assert.equal(notes[0]?.account.id, carolId);
    await amira.v1.followRequests.$select(carolId).authorize();
    const [after] = await carol.v1.accounts.relationships.fetch({ id: [amiraId] });
    assert.equal(after?.following, true);
    void brunoId;
  });
});

describe('posting and reading with megalodon', () => {
  let server: TestServer;
  let dina: MegalodonInterface;
  let emre: MegalodonInterface;
  before(async () => {
    server = await startServer();
    dina = generator('mastodon', server.url, (await signUp(server.url, 'dina')).token);
    emre = generator('mastodon', server.url, (await signUp(server.url, 'emre')).token);
  });
  after(async () => {
    assert.deepEqual(server.problems, [], 'responses conform to the Mastodon OpenAPI description');
    await server.stop();
  });

  it('runs the whole story: follow, post, home, reply, context, favourite, reblog, bookmark, pin, edit, delete, notifications', async () => {
    const dinaId = (await dina.verifyAccountCredentials()).data.id;
    await emre.followAccount(dinaId);
    const post = (await dina.postStatus('Flash: road closures downtown', { visibility: 'public' })).data;
    assert.ok('id' in post);
    const postId = (post as { id: string }).id;
    await eventually(async () => (await emre.getHomeTimeline({ limit: 10 })).data.some((s) => s.id === postId), 10_000, 'post in home');
    const reply = (await emre.postStatus('@dina which streets?', { in_reply_to_id: postId })).data as { id: string };
    const ctx = await dina.getStatusContext(postId);
    assert.deepEqual(
      ctx.data.descendants.map((s) => s.id),
      [reply.id],
    );
    assert.equal((await emre.favouriteStatus(postId)).data.favourited, true);
    assert.equal((await emre.reblogStatus(postId)).data.reblog?.id, postId);
    assert.equal((await emre.bookmarkStatus(postId)).data.bookmarked, true);
    assert.equal((await dina.pinStatus(postId)).data.pinned, true);
    const edited = await dina.editStatus(postId, { status: 'Flash: road closures downtown until 6pm' });
    assert.ok(edited.data.edited_at);
    const notifications = await dina.getNotifications();
    assert.deepEqual(notifications.data.map((n) => n.type).sort(), ['favourite', 'follow', 'mention', 'reblog']);
    await dina.deleteStatus(postId);
    await assert.rejects(emre.getStatus(postId));
  });
});
