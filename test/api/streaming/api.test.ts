// The streaming API, driven by masto.js's streaming client, a raw WebSocket and server-sent events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, createStreamingAPIClient, type mastodon } from 'masto';
import WebSocket from 'ws';
import { call, signUp } from '../../helpers/http.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { channel, listening, rawSocket, rawSse, type RawSocket } from '../../helpers/streaming.ts';
import { eventually } from '../../helpers/wait.ts';

describe('streaming API', () => {
  let server: TestServer;
  let author: Awaited<ReturnType<typeof signUp>>;
  let follower: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;
  let authorId: string;
  let followerId: string;
  let strangerId: string;
  const idOf = async (token: string) => (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id as string;
  /** Resolves once the socket hears this channel (subscribing sends no reply). */
  const hears = (socket: RawSocket, on: string) => listening(server.app.bus, on, socket);
  /**
   * Posts a public status once every job is done (so whatever came before has been published),
   * and waits until these sockets have it: what did not come before it is not coming.
   */
  const sentinel = async (sockets: RawSocket[], text = 'sentinel') => {
    await server.app.jobs.idle();
    const posted = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: text } });
    for (const s of sockets) await s.next((f) => f.payload?.includes(posted.body.id) ?? false);
    return posted.body.id as string;
  };

  before(async () => {
    server = await startServer();
    author = await signUp(server.url, 'anchor');
    follower = await signUp(server.url, 'viewer');
    stranger = await signUp(server.url, 'passerby');
    [authorId, followerId, strangerId] = [await idOf(author.token), await idOf(follower.token), await idOf(stranger.token)];
    await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: follower.token });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('advertises the streaming URL and answers the health check', async () => {
    const instance = await call(server.url, '/api/v2/instance');
    assert.equal(instance.body.configuration.urls.streaming, server.url.replace('http', 'ws'));
    const health = await fetch(`${server.url}/api/v1/streaming/health`);
    assert.equal(await health.text(), 'OK');
  });

  it("delivers a post, its edit and its delete to a follower's open stream (masto.js)", async () => {
    const streaming = createStreamingAPIClient({ streamingApiUrl: server.url.replace('http', 'ws'), accessToken: follower.token, implementation: WebSocket, retry: false });
    const subscription = streaming.user.subscribe();
    const events: mastodon.streaming.Event[] = [];
    const reading = (async () => {
      for await (const event of subscription) {
        events.push(event);
        if (event.event === 'delete') break;
      }
    })();
    // masto.js connects lazily and after a back-off delay; events before that are (rightly) not replayed.
    await waitFor(() => server.app.streamingStats().channels > 0, 10_000);
    const rest = createRestAPIClient({ url: server.url, accessToken: author.token });
    const post = await rest.v1.statuses.create({ status: 'Live from the press room' });
    await waitFor(() => events.some((e) => e.event === 'update'));
    await rest.v1.statuses.$select(post.id).update({ status: 'Live from the press room, updated' });
    await waitFor(() => events.some((e) => e.event === 'status.update'));
    await rest.v1.statuses.$select(post.id).remove();
    await waitFor(() => events.some((e) => e.event === 'delete'));
    await reading;
    subscription.unsubscribe();
    streaming.close();
    const update = events.find((e) => e.event === 'update') as mastodon.streaming.UpdateEvent;
    assert.equal(update.payload.id, post.id);
    assert.equal(update.payload.account.username, 'anchor');
    const edit = events.find((e) => e.event === 'status.update') as mastodon.streaming.StatusUpdateEvent;
    assert.match(edit.payload.content, /updated/);
    const del = events.find((e) => e.event === 'delete') as mastodon.streaming.DeleteEvent;
    assert.equal(del.payload, post.id);
  });

  it('sends notifications on the user stream, as a JSON string in payload (raw WebSocket, token as protocol)', async () => {
    const socket = await rawSocket(server.url, '?stream=user', [author.token]);
    await hears(socket, channel.user(authorId));
    await call(server.url, '/api/v1/statuses', { token: follower.token, json: { status: '@anchor question for you' } });
    const frame = await socket.next((f) => f.event === 'notification');
    assert.deepEqual(frame.stream, ['user']);
    assert.equal(typeof frame.payload, 'string');
    const notification = JSON.parse(frame.payload!);
    assert.equal(notification.type, 'mention');
    assert.equal(notification.account.username, 'viewer');
    socket.ws.close();
  });

  it('renders a conversation for each participant: the others as accounts, unread only for the recipient', async () => {
    const authorDirect = await rawSocket(server.url, `?stream=direct&access_token=${author.token}`);
    const followerDirect = await rawSocket(server.url, `?stream=direct&access_token=${follower.token}`);
    await hears(authorDirect, channel.direct(authorId));
    await hears(followerDirect, channel.direct(followerId));
    const dm = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: '@viewer just between us', visibility: 'direct' } });
    const forAuthor = JSON.parse((await authorDirect.next((f) => f.event === 'conversation')).payload!);
    const forFollower = JSON.parse((await followerDirect.next((f) => f.event === 'conversation')).payload!);
    assert.equal(forAuthor.last_status.id, dm.body.id);
    assert.equal(forFollower.last_status.id, dm.body.id);
    assert.deepEqual(
      forAuthor.accounts.map((a: { username: string }) => a.username),
      ['viewer'],
    );
    assert.deepEqual(
      forFollower.accounts.map((a: { username: string }) => a.username),
      ['anchor'],
    );
    assert.equal(forAuthor.unread, false);
    assert.equal(forFollower.unread, true);
    authorDirect.ws.close();
    followerDirect.ws.close();
  });

  it('never sends a private post to a non-follower, on any stream', async () => {
    const strangerUser = await rawSocket(server.url, `?stream=user&access_token=${stranger.token}`);
    const strangerPublic = await rawSocket(server.url, `?access_token=${stranger.token}`);
    strangerPublic.ws.send(JSON.stringify({ type: 'subscribe', stream: 'public' }));
    strangerPublic.ws.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag: 'secret' }));
    const followerUser = await rawSocket(server.url, `?stream=user&access_token=${follower.token}`);
    await hears(strangerUser, channel.user(strangerId));
    await hears(strangerPublic, channel.public('all'));
    await hears(strangerPublic, channel.hashtag('secret', false));
    await hears(followerUser, channel.author(authorId));
    const secret = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'followers only #secret', visibility: 'private' } });
    await followerUser.next((f) => f.event === 'update' && JSON.parse(f.payload!).id === secret.body.id);
    // Public, tagged and mentioning the stranger: it reaches each of the stranger's streams.
    await sentinel([strangerUser, strangerPublic], 'for all, @passerby #secret');
    for (const s of [strangerUser, strangerPublic]) {
      assert.ok(!s.frames.some((f) => f.payload?.includes(secret.body.id)), 'no frame mentions the private post');
      s.ws.close();
    }
    followerUser.ws.close();
  });

  it('filters public and hashtag streams (public only, the right tag, local)', async () => {
    const socket = await rawSocket(server.url, '');
    socket.ws.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag: 'Elections' }));
    socket.ws.send(JSON.stringify({ type: 'subscribe', stream: 'public:local' }));
    await hears(socket, channel.hashtag('elections', false));
    await hears(socket, channel.public('local'));
    const unlisted = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'quiet #elections', visibility: 'unlisted' } });
    const other = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'about #weather' } });
    const tagged = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'Results tonight #elections' } });
    const onTag = await socket.next((f) => f.stream?.[0] === 'hashtag' && f.event === 'update');
    assert.deepEqual(onTag.stream, ['hashtag', 'Elections']);
    assert.equal(JSON.parse(onTag.payload!).id, tagged.body.id);
    await socket.next((f) => f.stream?.[0] === 'public:local' && f.event === 'update' && JSON.parse(f.payload!).id === tagged.body.id);
    const last = await sentinel([socket], 'sentinel #elections');
    await socket.next((f) => f.stream?.[0] === 'public:local' && (f.payload?.includes(last) ?? false));
    const idsOn = (stream: string) =>
      socket.frames
        .filter((f) => f.stream?.[0] === stream && f.event === 'update')
        .map((f) => JSON.parse(f.payload!).id)
        .filter((id) => id !== last);
    assert.deepEqual(idsOn('hashtag'), [tagged.body.id], 'neither the unlisted post nor the other tag');
    const publicIds = idsOn('public:local');
    // Two posts' events come from two jobs that may run side by side: their order is not promised.
    assert.deepEqual([...publicIds].sort(), [other.body.id, tagged.body.id].sort());
    assert.ok(!publicIds.includes(unlisted.body.id));
    socket.ws.send(JSON.stringify({ type: 'unsubscribe', stream: 'public:local' }));
    // Messages are handled in order, an unsubscribe at once: once this one is refused, it is done.
    socket.ws.send('not json');
    await socket.next((f) => f.status === 400);
    const after = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'after unsubscribing' } });
    await sentinel([socket], 'the last #elections');
    assert.ok(!socket.frames.some((f) => f.payload?.includes(after.body.id)));
    socket.ws.close();
  });

  it('applies blocks and mutes to streams', async () => {
    const blocked = await signUp(server.url, 'blockedone');
    await call(server.url, `/api/v1/accounts/${authorId}/mute`, { method: 'POST', token: stranger.token });
    const blockedId = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: blocked.token })).body.id;
    await call(server.url, `/api/v1/accounts/${blockedId}/block`, { method: 'POST', token: author.token });
    const muter = await rawSocket(server.url, `?stream=public&access_token=${stranger.token}`);
    const blockee = await rawSocket(server.url, `?stream=public&access_token=${blocked.token}`);
    const control = await rawSocket(server.url, '?stream=public');
    for (const s of [muter, blockee, control]) await hears(s, channel.public('all'));
    const post = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'not for everyone' } });
    await control.next((f) => f.payload?.includes(post.body.id) ?? false);
    // What came after it on the same stream, from an account neither hides.
    await server.app.jobs.idle();
    const last = await call(server.url, '/api/v1/statuses', { token: follower.token, json: { status: 'for everyone' } });
    for (const s of [muter, blockee]) await s.next((f) => f.payload?.includes(last.body.id) ?? false);
    assert.ok(!muter.frames.some((f) => f.payload?.includes(post.body.id)), 'muted author stays out');
    assert.ok(!blockee.frames.some((f) => f.payload?.includes(post.body.id)), 'blocked viewer sees nothing');
    for (const s of [muter, blockee, control]) s.ws.close();
  });

  it('refuses bad tokens and unknown streams clearly', async () => {
    await assert.rejects(rawSocket(server.url, '?stream=user&access_token=nonsense'), /HTTP 401/);
    const anonymous = await rawSocket(server.url, '?stream=user');
    const error = await anonymous.next((f) => Boolean(f.error));
    assert.equal(error.status, 401);
    anonymous.ws.send(JSON.stringify({ type: 'subscribe', stream: 'everything' }));
    const unknown = await anonymous.next((f) => f.error === 'Unknown stream type');
    assert.equal(unknown.status, 400);
    anonymous.ws.send('not json');
    await anonymous.next((f) => f.status === 400 && /parse/.test(f.error ?? ''));
    for (const json of ['null', '7', '[]']) anonymous.ws.send(json);
    await anonymous.next((f) => f.status === 400 && f.error === 'Unknown message type');
    anonymous.ws.close();
    assert.equal((await call(server.url, '/api/v1/streaming/user')).status, 401);
    assert.equal((await call(server.url, '/api/v1/streaming/hashtag')).status, 400);
    assert.equal((await call(server.url, '/api/v1/streaming/user', { token: 'nonsense' })).status, 401);
  });

  it('serves the same events as server-sent events', async () => {
    const sse = await rawSse(server.url, '/api/v1/streaming/user', follower.token);
    assert.equal(sse.response.status, 200);
    assert.match(sse.response.headers.get('content-type')!, /text\/event-stream/);
    await listening(server.app.bus, channel.author(authorId), (probe) => sse.text().includes(`data: ${probe}`));
    const posted = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'over SSE' } });
    await eventually(async () => /event: update\ndata: \{/.test(sse.text()), 5000, 'the update over SSE');
    const open = server.app.streamingStats().connections;
    await sse.close();
    const data = /event: update\ndata: (.*)\n\n/.exec(sse.text())?.[1];
    assert.ok(data, `got: ${sse.text()}`);
    assert.equal(JSON.parse(data).id, posted.body.id);
    // A client that goes away is forgotten: no subscription is left behind.
    await waitFor(() => server.app.streamingStats().connections < open);
  });

  it('forgets every connection once it is closed, and its channels with it', async () => {
    await waitFor(() => server.app.streamingStats().connections === 0 && server.app.streamingStats().channels === 0);
  });
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  await eventually(async () => check(), ms);
}
