// Parley, behind a TLS-terminating proxy, with a peer that behaves like much of the fediverse
// (test/helpers/lax-peer.ts): 202 to every POST, draft-cavage verified afterwards, raw JSON with
// the ActivityStreams context alone. Before, Parley knocked with RFC 9421, took the 202 for a
// yes, and every later delivery was dropped; hashtags without a `Hashtag` term vanished; a reply
// to a local post made Parley fetch its own post as a remote one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logFedifyTo } from '../../src/federation/fedify-log.ts';
import { startLaxPeer, type LaxPeer } from '../helpers/lax-peer.ts';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const AS = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = `${AS}#Public`;

describe('Parley behind a proxy and a peer that verifies draft-cavage after answering 202', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let parley: TestServer;
  let peer: LaxPeer;
  let ana: Awaited<ReturnType<typeof signUp>>;
  let peerId: string;
  const log: string[] = [];
  const anaUri = () => `${parley.url}/users/ana`;
  const anaInbox = () => `${anaUri()}/inbox`;
  const settle = async () => {
    await parley.app.jobs.idle(20_000);
    await peer.settled();
  };
  /** A Note as such servers write it: the ActivityStreams context alone. */
  const note = (id: string, extra: Record<string, unknown>) => ({
    '@context': AS,
    id: `${peer.origin}/notes/${id}`,
    type: 'Note',
    attributedTo: peer.actorUri,
    to: [PUBLIC],
    published: new Date().toISOString(),
    ...extra,
  });
  const create = (object: Record<string, any>) => ({ '@context': AS, id: `${object.id}/create`, type: 'Create', actor: peer.actorUri, to: object.to, cc: object.cc, object });
  const statusOf = async (uri: string) => (await call(parley.url, `/api/v2/search?q=${encodeURIComponent(uri)}&resolve=true&type=statuses`, { token: ana.token })).body.statuses[0];

  before(async () => {
    // What `parley start` does with PARLEY_LOG_LEVEL=debug: Fedify's lines join Parley's.
    logFedifyTo('debug', (line) => log.push(line));
    [parley, peer] = await Promise.all([
      startServer({ PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true', PARLEY_LOG_LEVEL: 'debug' }, { tls: tls!, proxy: true, logSink: (line) => log.push(line) }),
      startLaxPeer(tls!),
    ]);
    ana = await signUp(parley.url, 'ana');
  });
  after(async () => {
    await Promise.all([parley?.stop(), peer?.stop()]);
  });

  it('follows the peer, and is followed by it: each side sees the other’s answer', async () => {
    const found = await call(parley.url, `/api/v1/accounts/search?q=${encodeURIComponent(peer.handle)}&resolve=true`, { token: ana.token });
    assert.equal(found.body[0]?.acct, peer.handle);
    peerId = found.body[0].id;
    await call(parley.url, `/api/v1/accounts/${peerId}/follow`, { method: 'POST', token: ana.token });
    await eventually(async () => (await call(parley.url, `/api/v1/accounts/relationships?id[]=${peerId}`, { token: ana.token })).body[0].following, 20_000, 'the peer’s Accept');

    const follow = { '@context': AS, id: `${peer.origin}/follows/1`, type: 'Follow', actor: peer.actorUri, object: anaUri() };
    assert.equal((await peer.send(follow, anaInbox())).status, 202);
    await eventually(async () => peer.accepted.find((a) => a.type === 'Accept'), 20_000, 'Parley’s Accept at the peer');
    const followers = (await call(parley.url, `/api/v1/accounts/${(await call(parley.url, '/api/v1/accounts/verify_credentials', { token: ana.token })).body.id}/followers`, { token: ana.token }))
      .body;
    assert.deepEqual(
      followers.map((f: { acct: string }) => f.acct),
      [peer.handle],
    );
  });

  it('delivers every activity it sends, signed so that the peer verifies it, exactly once', async () => {
    peer.notes.set('100', note('100', { content: '<p>A note to like and boost</p>' }));
    const theirs = await statusOf(`${peer.origin}/notes/100`);
    assert.ok(theirs, 'the peer’s note is fetched');
    const posted = await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'Statement #embassy' } });
    await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'For followers', visibility: 'private' } });
    await call(parley.url, `/api/v1/statuses/${posted.body.id}`, { method: 'PUT', token: ana.token, json: { status: 'Statement, corrected #embassy' } });
    for (const action of ['favourite', 'reblog', 'unfavourite', 'unreblog']) {
      assert.equal((await call(parley.url, `/api/v1/statuses/${theirs.id}/${action}`, { method: 'POST', token: ana.token })).status, 200);
    }
    await call(parley.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: ana.token, json: { display_name: 'Ana, press office' } });
    await call(parley.url, `/api/v1/statuses/${posted.body.id}`, { method: 'DELETE', token: ana.token });
    await settle();
    // Deliveries run side by side: their order is not the order of the actions.
    const types = peer.accepted.map((a) => a.type).sort();
    assert.deepEqual(peer.refused, [], 'the peer dropped nothing');
    assert.deepEqual(types, ['Accept', 'Announce', 'Create', 'Create', 'Delete', 'Follow', 'Like', 'Undo', 'Undo', 'Update', 'Update']);
    const ids = peer.accepted.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'each activity arrived once');
    // Each delivery leaves a line naming the activity and the inbox (a 202 is all a sender sees).
    const create = peer.accepted.find((a) => a.type === 'Create' && a.object.id === posted.body.uri)!;
    assert.ok(
      log.some((l) => /^\S+ debug \[fedify\.federation\.outbox\] /.test(l) && l.includes(create.id) && l.includes(peer.origin)),
      'the delivery is in the log',
    );
  });

  it('lets the peer’s Follow, Like, Announce and their Undo take effect', async () => {
    const posted = await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'Please share' } });
    const like = { '@context': AS, id: `${peer.origin}/likes/1`, type: 'Like', actor: peer.actorUri, object: posted.body.uri };
    const boost = { '@context': AS, id: `${peer.origin}/boosts/1`, type: 'Announce', actor: peer.actorUri, object: posted.body.uri, to: [PUBLIC] };
    await peer.send(like, anaInbox());
    await peer.send(boost, anaInbox());
    const counts = async () => (await call(parley.url, `/api/v1/statuses/${posted.body.id}`, { token: ana.token })).body;
    await eventually(async () => (await counts()).favourites_count === 1 && (await counts()).reblogs_count === 1, 20_000, 'the like and the boost');
    await peer.send({ '@context': AS, id: `${like.id}/undo`, type: 'Undo', actor: peer.actorUri, object: like }, anaInbox());
    await peer.send({ '@context': AS, id: `${boost.id}/undo`, type: 'Undo', actor: peer.actorUri, object: boost }, anaInbox());
    await eventually(async () => (await counts()).favourites_count === 0 && (await counts()).reblogs_count === 0, 20_000, 'the undos');
    const follow = { '@context': AS, id: `${peer.origin}/follows/1`, type: 'Follow', actor: peer.actorUri, object: anaUri() };
    await peer.send({ '@context': AS, id: `${follow.id}/undo`, type: 'Undo', actor: peer.actorUri, object: follow }, anaInbox());
    await eventually(async () => (await call(parley.url, `/api/v1/accounts/relationships?id[]=${peerId}`, { token: ana.token })).body[0].followed_by === false, 20_000, 'the unfollow');
  });

  it('puts a note whose Hashtag term its context does not define in the hashtag timeline', async () => {
    const tagged = note('200', {
      content: '<p>Consular hours change <a href="x" rel="tag">#ConsularNews</a></p>',
      sensitive: true,
      summary: 'schedule',
      tag: [{ type: 'Hashtag', name: '#ConsularNews', href: `${peer.origin}/tags/consularnews` }],
    });
    await peer.send(create(tagged), `${parley.url}/inbox`);
    const timeline = await eventually(
      async () => {
        const t = await call(parley.url, '/api/v1/timelines/tag/consularnews', { token: ana.token });
        return t.body.length > 0 ? t.body : null;
      },
      20_000,
      'the hashtag timeline',
    );
    assert.equal(timeline[0].uri, tagged.id);
    assert.deepEqual(
      timeline[0].tags.map((t: { name: string }) => t.name.toLowerCase()),
      ['consularnews'],
    );
    assert.equal(timeline[0].sensitive, true, '`sensitive` is read without its term defined too');
  });

  it('takes a reply to a local post as a reply, and never makes an account of its own origin', async () => {
    const posted = await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'Questions welcome' } });
    const reply = note('300', { cc: [anaUri()], inReplyTo: posted.body.uri, content: '<p>@ana when?</p>', tag: [{ type: 'Mention', href: anaUri(), name: `@ana@${new URL(parley.url).host}` }] });
    await peer.send(create(reply), anaInbox());
    const mention = await eventually(
      async () => {
        const n = (await call(parley.url, '/api/v1/notifications?types[]=mention', { token: ana.token })).body;
        return n.find((x: { status: { uri: string } }) => x.status.uri === reply.id);
      },
      20_000,
      'the reply',
    );
    assert.equal(mention.status.in_reply_to_id, posted.body.id);
    const own = await parley.app.database.pool.query('select count(*)::int as n from accounts where domain = $1', [new URL(parley.url).host]);
    assert.equal(own.rows[0].n, 0);
  });

  it('names itself Parley in every request it makes', async () => {
    assert.ok(peer.userAgents.length > 5);
    for (const agent of peer.userAgents) assert.match(agent, /^Parley\/\d+\.\d+\.\d+ \(Fedify\/[^;]+; Node\.js\/[^;]+; \+https:\/\/localhost:\d+\/\)$/);
  });

  it('says in its debug log what it ignored, with the activity’s id and why', async () => {
    const unknown = { '@context': AS, id: `${peer.origin}/likes/unknown`, type: 'Like', actor: peer.actorUri, object: `${peer.origin}/notes/never-seen` };
    const move = { '@context': AS, id: `${peer.origin}/adds/1`, type: 'Add', actor: peer.actorUri, object: `${peer.origin}/notes/100`, target: `${peer.actorUri}/featured` };
    await peer.send(unknown, anaInbox());
    await peer.send(move, anaInbox());
    await eventually(async () => log.some((l) => l.includes(unknown.id) && /debug .*ignored: .*not a post known here/.test(l)), 20_000, 'the Like’s line');
    await eventually(async () => log.some((l) => l.includes(move.id) && /ignored: Parley does not act on this type/.test(l)), 20_000, 'the Add’s line');
  });
});
