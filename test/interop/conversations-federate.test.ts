// Private conversations across servers, driven through masto.js and megalodon. Two Parley servers
// over HTTPS (a test CA): a direct message from A becomes an unread conversation on B (in the
// direct timeline, live on the direct stream), the reply comes back into the same conversation on
// A, reading and leaving work on each side, and people who are not addressed see nothing of it on
// either server, through the API, the streams, the public pages or the note's own URL. With an
// independent Fedify server: its direct note becomes a conversation, and the reply goes to it alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Create, Follow, Mention, Note, PUBLIC_COLLECTION } from '@fedify/vocab';
import { createStreamingAPIClient, type mastodon } from 'masto';
import generator, { type Entity } from 'megalodon';
import WebSocket from 'ws';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
import { call } from '../helpers/http.ts';
import { type Person, signedUp } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { channel, listening, rawSocket, type RawSocket } from '../helpers/streaming.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const FEDERATE = { PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' };
/** Words only the private messages carry: no answer an outsider gets may contain one. */
const SECRET = /tangerine|quince|persimmon|mandarin|kumquat/i;

describe('private conversations across servers', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let a: TestServer;
  let b: TestServer;
  let peer: FedifyPeer;
  /** a second independent server, never addressed */
  let watcher: FedifyPeer;
  // alice (A) writes to bob (B); carol (B) follows alice and dave (A) follows bob, unaddressed.
  let alice: Person;
  let dave: Person;
  let bob: Person;
  let carol: Person;
  /** what the outsiders' streams (user, direct, public) received, each with its server and owner */
  const outsiderStreams: { server: TestServer; owner: Person; socket: RawSocket; on: string }[] = [];
  /** the thread as each server knows it: status ids there, the conversation's id there, the statuses' URIs */
  const onA = { dm: '', reply: '', conversation: '' };
  const onB = { dm: '', reply: '', conversation: '' };
  const uris = { dm: '', reply: '' };

  const handleOf = (username: string, server: TestServer) => `${username}@${new URL(server.url).host}`;
  const settle = () => Promise.all([a.app.jobs.idle(20_000), b.app.jobs.idle(20_000)]);
  const megalodon = (server: TestServer, who: Person) => generator('mastodon', server.url, who.token);

  /** The id `server` gives the account behind `handle`, found as an app finds it (resolve=true). */
  async function resolved(server: TestServer, who: Person, handle: string): Promise<string> {
    const found = await call(server.url, `/api/v1/accounts/search?q=${encodeURIComponent(handle)}&resolve=true`, { token: who.token });
    assert.equal(found.body[0]?.acct, handle);
    return found.body[0].id;
  }

  async function follows(server: TestServer, who: Person, handle: string): Promise<void> {
    const id = await resolved(server, who, handle);
    await call(server.url, `/api/v1/accounts/${id}/follow`, { method: 'POST', token: who.token });
    await eventually(async () => (await call(server.url, `/api/v1/accounts/relationships?id[]=${id}`, { token: who.token })).body[0].following, 20_000, `${who.name} follows ${handle}`);
  }

  /** `who`'s conversations (masto.js), as the URIs of their newest messages and the others' handles. */
  const conversations = async (who: Person) =>
    (await who.masto.v1.conversations.list({ limit: 40 })).map((c) => ({ id: c.id, unread: c.unread, last: c.lastStatus?.uri, with: c.accounts.map((x) => x.acct).sort() }));
  /** After delivery and fan-out: `who`'s conversation whose newest message is `uri`. */
  const seen = (who: Person, uri: string) => eventually(async () => (await conversations(who)).find((c) => c.last === uri), 20_000, `${who.name} sees ${uri}`);

  /** A raw socket on one of `owner`'s streams, listening before anything is sent. */
  async function watch(server: TestServer, owner: Person, stream: string, on: string): Promise<RawSocket> {
    const socket = await rawSocket(server.url, `?stream=${stream}&access_token=${owner.token}`);
    await listening(server.app.bus, on, socket);
    return socket;
  }

  /** A direct note to `to` (a user of A) from an independent server's actor, sent in a Create; its id. */
  async function noteTo(to: Person, from: FedifyPeer, id: string, extra: { content?: string; context?: URL; replyTarget?: URL } = {}): Promise<string> {
    const recipient = new URL(`${a.url}/users/${to.name}`);
    const note = new Note({
      id: new URL(`/notes/${id}`, from.origin),
      attribution: from.actorUri,
      to: recipient,
      content: extra.content ?? `<p>@${to.name} about ${id}</p>`,
      tags: [new Mention({ href: recipient, name: `@${to.name}` })],
      ...(extra.context ? { contexts: [extra.context] } : {}),
      ...(extra.replyTarget ? { replyTarget: extra.replyTarget } : {}),
    });
    const create = new Create({ id: new URL(`/notes/${id}/create`, from.origin), actor: from.actorUri, object: note, to: recipient });
    await from.context().sendActivity({ identifier: from.handle.split('@')[0]! }, { id: recipient, inboxId: new URL(`${recipient.href}/inbox`) }, create, { immediate: true });
    return note.id!.href;
  }
  /** What the envoy received for this status: the Create, as sent. */
  const delivered = (uri: string) => eventually(async () => peer.bodies.find((x) => x.type === 'Create' && x.object?.id === uri), 20_000, `${uri} at the envoy`);

  before(async () => {
    [a, b, peer] = await Promise.all([startServer(FEDERATE, { tls: tls!, proxy: true }), startServer(FEDERATE, { tls: tls!, proxy: true }), startFedifyPeer(tls!, 'envoy')]);
    watcher = await startFedifyPeer(tls!, 'watcher');
    [alice, dave, bob, carol] = await Promise.all([signedUp(a.url, 'alice'), signedUp(a.url, 'dave'), signedUp(b.url, 'bob'), signedUp(b.url, 'carol')]);
    await Promise.all([follows(b, carol, handleOf('alice', a)), follows(a, dave, handleOf('bob', b)), resolved(a, alice, handleOf('bob', b))]);
    for (const [server, owner] of [
      [a, dave],
      [b, carol],
    ] as const) {
      for (const [stream, on] of [
        ['user', channel.user(owner.id)],
        ['direct', channel.direct(owner.id)],
        ['public', channel.public('all')],
      ] as const)
        outsiderStreams.push({ server, owner, on, socket: await watch(server, owner, stream, on) });
    }
  });
  after(async () => {
    assert.deepEqual([...(a?.problems ?? []), ...(b?.problems ?? [])], []);
    for (const s of outsiderStreams) s.socket.ws.close();
    await Promise.all([a?.stop(), b?.stop(), peer?.stop(), watcher?.stop()]);
  });

  it('brings a direct message from A to B: an unread conversation with the sender as an account, in the direct timeline, live on the direct stream', async () => {
    const streaming = createStreamingAPIClient({ streamingApiUrl: b.url.replace('https', 'wss'), accessToken: bob.token, implementation: WebSocket, retry: false });
    const events: mastodon.streaming.Event[] = [];
    const subscription = streaming.direct.subscribe();
    void (async () => {
      for await (const event of subscription) events.push(event);
    })().catch(() => {});
    await listening(b.app.bus, channel.direct(bob.id), (id) => events.some((e) => e.event === 'delete' && e.payload === id));

    const dm = await alice.masto.v1.statuses.create({ status: `@${handleOf('bob', b)} the tangerine file is ready`, visibility: 'direct' });
    uris.dm = dm.uri;
    onA.dm = dm.id;
    const listed = await eventually(async () => (await megalodon(b, bob).getConversationTimeline()).data.find((c) => c.last_status?.uri === dm.uri), 20_000, 'the conversation on B');
    onB.conversation = listed.id;
    onB.dm = listed.last_status!.id;
    assert.equal(listed.unread, true);
    assert.equal(listed.accounts.map((x) => x.acct).join(' '), handleOf('alice', a));
    assert.equal(listed.last_status!.visibility, 'direct');
    assert.equal(listed.last_status!.account.acct, handleOf('alice', a));
    assert.match(listed.last_status!.content, /tangerine/);

    const direct = await bob.masto.v1.timelines.direct.list();
    assert.equal(direct.map((s) => s.uri).join(' '), dm.uri);
    const live = await eventually(async () => events.find((e): e is mastodon.streaming.ConversationEvent => e.event === 'conversation'), 10_000, 'the live conversation');
    assert.equal(live.payload.id, onB.conversation);
    assert.equal(live.payload.unread, true);
    assert.equal(live.payload.lastStatus?.uri, dm.uri);
    assert.equal(live.payload.accounts.map((x) => x.acct).join(' '), handleOf('alice', a));
    subscription.unsubscribe();
    streaming.close();

    // The author's side: read, with bob as a remote account.
    const mine = await seen(alice, dm.uri);
    onA.conversation = mine.id;
    assert.equal(mine.unread, false);
    assert.deepEqual(mine.with, [handleOf('bob', b)]);
  });

  it("carries B's reply back into the same conversation on A, unread again there", async () => {
    const bobs = megalodon(b, bob);
    assert.equal((await bobs.readConversation(onB.conversation)).data.unread, false, 'read on B first');
    const aliceDirect = await watch(a, alice, 'direct', channel.direct(alice.id));
    const posted = await bobs.postStatus(`@${handleOf('alice', a)} quince received, thanks`, { visibility: 'direct', in_reply_to_id: onB.dm });
    const reply = posted.data as Entity.Status;
    uris.reply = reply.uri;
    onB.reply = reply.id;
    assert.equal(reply.in_reply_to_id, onB.dm);

    const hers = await seen(alice, reply.uri);
    assert.equal(hers.id, onA.conversation, 'one conversation, not two');
    assert.equal(hers.unread, true);
    assert.deepEqual(hers.with, [handleOf('bob', b)]);
    assert.equal((await conversations(alice)).length, 1);
    const frame = await aliceDirect.next((f) => f.event === 'conversation' && JSON.parse(f.payload!).last_status.uri === reply.uri, 10_000);
    assert.equal(JSON.parse(frame.payload!).id, onA.conversation);
    assert.equal(JSON.parse(frame.payload!).unread, true);
    aliceDirect.ws.close();

    const onAReply = (await call(a.url, `/api/v1/timelines/direct`, { token: alice.token })).body.find((s: { uri: string }) => s.uri === reply.uri);
    onA.reply = onAReply.id;
    assert.equal(onAReply.in_reply_to_id, onA.dm, 'threaded under the message it answers');
    assert.deepEqual(await conversations(bob), [{ id: onB.conversation, unread: false, last: reply.uri, with: [handleOf('alice', a)] }], "the replier's own message is read");
  });

  it('reads and leaves the conversation on each side; a new message brings it back, unread for its recipient', async () => {
    const read = await alice.masto.v1.conversations.$select(onA.conversation).read();
    assert.equal(read.unread, false);
    assert.equal(read.lastStatus?.uri, uris.reply);
    await megalodon(a, alice).deleteConversation(onA.conversation);
    await bob.masto.v1.conversations.$select(onB.conversation).remove();
    assert.deepEqual(await conversations(alice), []);
    assert.deepEqual((await megalodon(b, bob).getConversationTimeline()).data, []);
    // Leaving keeps the messages.
    assert.equal((await alice.masto.v1.timelines.direct.list()).map((s) => s.uri).join(' '), `${uris.reply} ${uris.dm}`);

    const again = await alice.masto.v1.statuses.create({ status: `@${handleOf('bob', b)} one more: persimmon`, visibility: 'direct', inReplyToId: onA.reply });
    const back = await seen(bob, again.uri);
    assert.deepEqual(back, { id: onB.conversation, unread: true, last: again.uri, with: [handleOf('alice', a)] });
    assert.deepEqual(await conversations(alice), [{ id: onA.conversation, unread: false, last: again.uri, with: [handleOf('bob', b)] }]);
    // Deleted on A, it goes on B too: the conversation falls back to the message before.
    await alice.masto.v1.statuses.$select(again.id).remove();
    await eventually(async () => (await megalodon(b, bob).getConversationTimeline()).data[0]?.last_status?.uri === uris.reply, 20_000, 'the fallback on B');

    // Nobody else can read or leave it.
    for (const [server, outsider, id] of [
      [a, dave, onA.conversation],
      [b, carol, onB.conversation],
    ] as const) {
      assert.equal((await call(server.url, `/api/v1/conversations/${id}/read`, { method: 'POST', token: outsider.token })).status, 404);
      assert.equal((await call(server.url, `/api/v1/conversations/${id}`, { method: 'DELETE', token: outsider.token })).status, 404);
    }
  });

  it('keeps a conversation of three across servers: each sees the two others, and an answer to all lands in each one', async () => {
    const erin = await signedUp(a.url, 'erin');
    const start = await alice.masto.v1.statuses.create({ status: `@${handleOf('bob', b)} @erin mandarin tasting at noon?`, visibility: 'direct' });
    const bobs = await seen(bob, start.uri);
    assert.deepEqual(bobs.with, [handleOf('alice', a), handleOf('erin', a)]);
    assert.equal(bobs.unread, true);
    const [hers, erins] = [await seen(alice, start.uri), await seen(erin, start.uri)];
    assert.deepEqual(
      [hers.with, erins.with],
      [
        [handleOf('bob', b), 'erin'],
        ['alice', handleOf('bob', b)],
      ],
    );

    const onBStart = (await megalodon(b, bob).getConversationTimeline()).data.find((c) => c.id === bobs.id)!.last_status!.id;
    const answer = (await megalodon(b, bob).postStatus(`@${handleOf('alice', a)} @${handleOf('erin', a)} noon works`, { visibility: 'direct', in_reply_to_id: onBStart })).data as Entity.Status;
    for (const [who, before] of [
      [alice, hers],
      [erin, erins],
    ] as const) {
      const after = await seen(who, answer.uri);
      assert.deepEqual([after.id, after.unread, after.with], [before.id, true, before.with], `${who.name}'s conversation`);
    }
    assert.deepEqual((await conversations(bob)).find((c) => c.id === bobs.id)?.unread, false);
  });

  it("gives a recipient who blocked the sender's server no conversation, notification or direct message", async () => {
    const gwen = await signedUp(b.url, 'gwen');
    await call(b.url, '/api/v1/domain_blocks', { method: 'POST', token: gwen.token, json: { domain: new URL(a.url).host } });
    await resolved(a, alice, handleOf('gwen', b));
    await alice.masto.v1.statuses.create({ status: `@${handleOf('gwen', b)} kumquat, unwanted`, visibility: 'direct' });
    // Delivered by A, then received and fanned out by B.
    await a.app.jobs.idle(20_000);
    await b.app.jobs.idle(20_000);
    for (const path of ['/api/v1/conversations', '/api/v1/notifications', '/api/v1/timelines/direct', '/api/v1/timelines/home'])
      assert.doesNotMatch(JSON.stringify((await call(b.url, path, { token: gwen.token })).body), SECRET, path);
  });

  /** Every door of `server` an outsider knocks at: none may show the private thread. */
  async function seesNothing(server: TestServer, outsider: Person, statusIds: string[], author: string): Promise<void> {
    const reads = [
      '/api/v1/timelines/home',
      '/api/v1/timelines/public',
      '/api/v1/timelines/public?local=true',
      '/api/v1/timelines/public?remote=true',
      '/api/v1/timelines/direct',
      '/api/v1/conversations',
      '/api/v1/notifications',
      `/api/v1/accounts/${author}/statuses`,
      '/api/v2/search?q=tangerine&type=statuses',
      ...Object.values(uris).map((uri) => `/api/v2/search?q=${encodeURIComponent(uri)}&resolve=true`),
    ];
    for (const path of reads) {
      const r = await call(server.url, path, { token: outsider.token });
      assert.equal(r.status, 200, path);
      assert.doesNotMatch(JSON.stringify(r.body), SECRET, `${outsider.name}: ${path}`);
    }
    for (const id of statusIds) {
      for (const tail of ['', '/context', '/favourited_by', '/reblogged_by', '/source', '/history']) {
        assert.equal((await call(server.url, `/api/v1/statuses/${id}${tail}`, { token: outsider.token })).status, 404, `${outsider.name}: ${id}${tail}`);
        assert.ok([401, 404].includes((await call(server.url, `/api/v1/statuses/${id}${tail}`)).status), `anonymous: ${id}${tail}`);
      }
    }
  }

  it('shows people who are not addressed nothing of it, on either server, through any door', async () => {
    await settle();
    // Each outsider stream has heard everything published before this probe (a channel keeps its order).
    for (const s of outsiderStreams) {
      await listening(s.server.app.bus, s.on, s.socket);
      assert.ok(!s.socket.frames.some((f) => SECRET.test(f.payload ?? '')), `${s.owner.name}'s ${s.on} stream`);
    }
    const aliceOnB = await resolved(b, carol, handleOf('alice', a));
    const bobOnA = await resolved(a, dave, handleOf('bob', b));
    await seesNothing(b, carol, [onB.dm, onB.reply], aliceOnB);
    await seesNothing(a, dave, [onA.dm, onA.reply], bobOnA);

    // The notes' own URLs: the author's server serves neither to an anonymous reader nor to another actor.
    for (const uri of Object.values(uris)) {
      for (const url of [uri, `${uri}/activity`]) {
        const anonymous = await fetch(url, { headers: { accept: 'application/activity+json' } });
        assert.ok([401, 404].includes(anonymous.status), `${url} anonymously: ${anonymous.status}`);
        assert.doesNotMatch(await anonymous.text(), SECRET);
        const signed = await peer.signedGet(url);
        assert.ok([401, 403, 404].includes(signed.status), `${url} signed by another actor: ${signed.status}`);
        assert.doesNotMatch(await signed.text(), SECRET);
      }
    }
    // The public pages, the feed and the embed code of the author's server.
    for (const [server, username, id] of [
      [a, 'alice', onA.dm],
      [b, 'bob', onB.reply],
    ] as const) {
      assert.equal((await call(server.url, `/@${username}/${id}`)).status, 404);
      assert.equal((await call(server.url, `/@${username}/${id}/embed`)).status, 404);
      assert.equal((await call(server.url, `/api/oembed?url=${encodeURIComponent(`${server.url}/@${username}/${id}`)}`)).status, 404);
      for (const page of [`/@${username}`, `/@${username}.rss`]) assert.doesNotMatch(String((await call(server.url, page)).body), SECRET, page);
    }
  });

  it('makes a conversation of a direct note from an independent Fedify server, and sends the direct reply to that server alone', async () => {
    const ana = await signedUp(a.url, 'ana');
    const anaUri = new URL(`${a.url}/users/ana`);
    // The watcher follows ana: what goes to her followers reaches it.
    const follow = new Follow({ id: new URL('/follows/1', watcher.origin), actor: watcher.actorUri, object: anaUri });
    await watcher.context().sendActivity({ identifier: 'watcher' }, { id: anaUri, inboxId: new URL(`${anaUri.href}/inbox`) }, follow, { immediate: true });
    await eventually(async () => watcher.received.find((x) => x.type === 'Accept'), 20_000, 'the Accept at the watcher');
    // A public note of the watcher's, which ana will answer privately to someone else.
    const aside = new Note({ id: new URL('/notes/aside', watcher.origin), attribution: watcher.actorUri, to: PUBLIC_COLLECTION, content: 'A public remark' });
    watcher.notes.set('aside', aside);

    const anaDirect = await watch(a, ana, 'direct', channel.direct(ana.id));
    const note = await noteTo(ana, peer, 'dm-1', { content: '<p><a href="x">@ana</a> a kumquat question</p>' });
    const opened = await seen(ana, note);
    assert.equal(opened.unread, true);
    assert.deepEqual(opened.with, [peer.handle]);
    const frame = await anaDirect.next((f) => f.event === 'conversation', 10_000);
    assert.equal(JSON.parse(frame.payload!).id, opened.id);
    anaDirect.ws.close();
    const [received] = (await megalodon(a, ana).getConversationTimeline()).data;
    assert.equal(received!.last_status!.visibility, 'direct');

    const reply = await ana.masto.v1.statuses.create({ status: `@${peer.handle} here is the answer`, visibility: 'direct', inReplyToId: received!.last_status!.id });
    // A second direct message answers the watcher's public note but addresses only the envoy.
    const asideOnA = await eventually(
      async () => (await call(a.url, `/api/v2/search?q=${encodeURIComponent(aside.id!.href)}&resolve=true`, { token: ana.token })).body.statuses[0],
      20_000,
      'the aside',
    );
    const sideways = await ana.masto.v1.statuses.create({ status: `@${peer.handle} see what they said`, visibility: 'direct', inReplyToId: asideOnA.id });
    // Two threads: each with the envoy alone (the answered author is not a participant), both read.
    await seen(ana, sideways.uri);
    assert.deepEqual(
      (await conversations(ana)).map((c) => [c.last, c.unread, c.with]),
      [
        [sideways.uri, false, [peer.handle]],
        [reply.uri, false, [peer.handle]],
      ],
    );
    assert.equal((await conversations(ana))[1]!.id, opened.id);
    await a.app.jobs.idle(20_000);
    for (const sent of [reply, sideways]) {
      const create = await delivered(sent.uri);
      for (const part of [create, create.object]) {
        const audience = ['to', 'cc', 'bto', 'bcc', 'audience'].flatMap((k) => [part[k] ?? []].flat());
        assert.deepEqual(audience, [peer.actorUri.href], 'addressed to the envoy alone: no Public, no followers collection');
      }
    }
    assert.equal(peer.bodies.find((x) => x.object?.id === reply.uri)?.object.inReplyTo, note);
    assert.ok(!watcher.bodies.some((x) => SECRET.test(JSON.stringify(x)) || [reply.uri, sideways.uri].includes(x.object?.id)), 'nothing reaches the follower or the answered author');

    // The envoy answers: the same conversation, unread again.
    const again = await seen(ana, await noteTo(ana, peer, 'dm-2', { replyTarget: new URL(reply.uri) }));
    assert.equal(again.id, opened.id);
    assert.equal(again.unread, true);
  });

  it('joins a thread by its `context` when the reply chain is broken, for its participants only, and names it as it was named', async () => {
    const ines = await signedUp(a.url, 'ines');

    const thread = new URL('/threads/7', peer.origin);
    const first = await seen(ines, await noteTo(ines, peer, 'ctx-1', { context: thread }));
    // Its parent never reached this server (and cannot be fetched): its context alone finds the thread.
    const second = await seen(ines, await noteTo(ines, peer, 'ctx-2', { context: thread, replyTarget: new URL('/notes/never-seen', peer.origin) }));
    assert.equal(second.id, first.id);
    // Naming a thread lets nobody in who never took part in it.
    const intruder = await seen(ines, await noteTo(ines, watcher, 'ctx-3', { context: thread }));
    assert.notEqual(intruder.id, first.id);
    assert.deepEqual(intruder.with, [watcher.handle]);

    // Ines's answer names the thread as the server it began on did.
    const secondHere = (await ines.masto.v1.conversations.list()).find((c) => c.id === first.id)!.lastStatus!.id;
    const answer = await ines.masto.v1.statuses.create({ status: `@${peer.handle} noted`, visibility: 'direct', inReplyToId: secondHere });
    assert.equal((await delivered(answer.uri)).object.context, thread.href);
    // A thread begun here is named by this server, and a note naming it joins it.
    const own = await ines.masto.v1.statuses.create({ status: `@${peer.handle} a new matter`, visibility: 'direct' });
    const ownThread = (await seen(ines, own.uri)).id;
    const named = (await delivered(own.uri)).object.context as string;
    assert.equal(named, `${a.url}/contexts/${own.id}`);
    const joined = await seen(ines, await noteTo(ines, peer, 'ctx-4', { context: new URL(named), replyTarget: new URL('/notes/lost', peer.origin) }));
    assert.equal(joined.id, ownThread);
  });
});
