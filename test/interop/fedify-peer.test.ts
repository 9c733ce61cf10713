// Parley with software it was not written with: a bare Fedify server (test/helpers/fedify-peer.ts)
// follows, is followed, receives posts, and sends its own notes, likes, boosts and deletes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Announce, Create, Delete, Document, Follow, Image, Like, Mention, Note, PUBLIC_COLLECTION, Tombstone } from '@fedify/vocab';
import { startFedifyPeer, type FedifyPeer } from '../helpers/fedify-peer.ts';
import { call, signUp } from '../helpers/http.ts';
import { jpegWithGps, png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();

describe('Parley and an independent Fedify server', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let parley: TestServer;
  let peer: FedifyPeer;
  let ana: Awaited<ReturnType<typeof signUp>>;
  let peerId: string;

  before(async () => {
    [parley, peer] = await Promise.all([startServer({ PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true' }, { tls: tls!, proxy: true }), startFedifyPeer(tls!)]);
    ana = await signUp(parley.url, 'ana');
  });
  after(async () => {
    await Promise.all([parley?.stop(), peer?.stop()]);
  });

  const anaUri = () => new URL(`${parley.url}/users/ana`);
  const send = (activity: import('@fedify/vocab').Activity) =>
    peer.context().sendActivity({ identifier: 'relay' }, { id: anaUri(), inboxId: new URL(`${parley.url}/users/ana/inbox`) }, activity, { immediate: true });

  it('follows the peer (its Service actor, no shared inbox) and is accepted', async () => {
    const found = await call(parley.url, `/api/v1/accounts/search?q=${encodeURIComponent(peer.handle)}&resolve=true`, { token: ana.token });
    assert.equal(found.body[0]?.acct, peer.handle);
    assert.equal(found.body[0].bot, true, 'a Service actor is a bot');
    assert.match(found.body[0].note, /<b>Fedify<\/b>/);
    peerId = found.body[0].id;
    await call(parley.url, `/api/v1/accounts/${peerId}/follow`, { method: 'POST', token: ana.token });
    await eventually(async () => (await call(parley.url, `/api/v1/accounts/relationships?id[]=${peerId}`, { token: ana.token })).body[0].following, 20_000, 'the Accept');
    assert.equal(peer.received[0]?.type, 'Follow');
  });

  it('is followed by the peer (Accept sent back), then delivers a public post as a Create of a Note with contentMap', async () => {
    await send(new Follow({ id: new URL('/follows/1', peer.origin), actor: peer.actorUri, object: anaUri() }));
    const accept = await eventually(async () => peer.received.find((a) => a.type === 'Accept'), 20_000, 'the Accept at the peer');
    assert.equal(accept.object.id ?? accept.object, `${peer.origin}/follows/1`);
    const followers = await call(parley.url, `/api/v1/accounts/${(await call(parley.url, '/api/v1/accounts/verify_credentials', { token: ana.token })).body.id}/followers`, { token: ana.token });
    assert.deepEqual(
      followers.body.map((f: { acct: string }) => f.acct),
      [peer.handle],
    );
    const posted = await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'A statement for the press #embassy', language: 'en' } });
    const create = await eventually(async () => peer.received.find((a) => a.type === 'Create'), 20_000, 'the Create at the peer');
    assert.equal(create.object.id, posted.body.uri);
    assert.equal(create.object.type, 'Note');
    assert.equal(create.object.contentMap.en, posted.body.content);
    assert.ok([create.to].flat().includes('as:Public'));
    assert.ok([create.object.tag].flat().some((t: { type: string; name: string }) => t.type === 'Hashtag' && t.name === '#embassy'));
    // The first delivery knocks with draft-cavage, what most servers verify; the peer's own
    // requests were signed with RFC 9421, so what Parley sends it afterwards is too.
    assert.equal(peer.signatures[0], 'draft-cavage');
    assert.equal(peer.signatures.at(-1), 'rfc9421');
  });

  it('receives a direct note from the peer, visible to the mentioned account only', async () => {
    const ctx = peer.context();
    const note = new Note({
      id: new URL('/notes/1', peer.origin),
      attribution: peer.actorUri,
      to: anaUri(),
      content: '<p>Private question for <a href="x">@ana</a><script>alert(1)</script></p>',
      tags: [new Mention({ href: anaUri(), name: '@ana' })],
    });
    await send(new Create({ id: new URL('/notes/1/create', peer.origin), actor: peer.actorUri, object: note, to: anaUri() }));
    const mention = await eventually(async () => (await call(parley.url, '/api/v1/notifications?types[]=mention', { token: ana.token })).body[0], 20_000, 'the mention');
    assert.equal(mention.status.visibility, 'direct');
    assert.doesNotMatch(mention.status.content, /script/, 'remote HTML is sanitised');
    assert.equal((await call(parley.url, `/api/v1/statuses/${mention.status.id}`)).status, 404, 'not visible without being addressed');
    const other = await signUp(parley.url, 'bystander');
    assert.equal((await call(parley.url, `/api/v1/statuses/${mention.status.id}`, { token: other.token })).status, 404);
    assert.ok(ctx);
  });

  it('counts the peer’s like and boost, and removes its deleted note', async () => {
    const posted = await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'Please share' } });
    const object = new URL(posted.body.uri);
    await send(new Like({ id: new URL('/likes/1', peer.origin), actor: peer.actorUri, object }));
    await send(new Announce({ id: new URL('/boosts/1', peer.origin), actor: peer.actorUri, object, to: PUBLIC_COLLECTION }));
    await eventually(
      async () => {
        const s = (await call(parley.url, `/api/v1/statuses/${posted.body.id}`, { token: ana.token })).body;
        return s.favourites_count === 1 && s.reblogs_count === 1;
      },
      20_000,
      'like and boost counted',
    );

    const note = new Note({ id: new URL('/notes/2', peer.origin), attribution: peer.actorUri, to: PUBLIC_COLLECTION, content: 'Public note from the peer' });
    await send(new Create({ id: new URL('/notes/2/create', peer.origin), actor: peer.actorUri, object: note, to: PUBLIC_COLLECTION }));
    const seen = await eventually(
      async () => (await call(parley.url, '/api/v1/timelines/home', { token: ana.token })).body.find((s: { uri: string }) => s.uri === note.id!.href),
      20_000,
      'the note in the home timeline',
    );
    await send(new Delete({ id: new URL('/notes/2/delete', peer.origin), actor: peer.actorUri, object: new Tombstone({ id: note.id }) }));
    await eventually(async () => (await call(parley.url, `/api/v1/statuses/${seen.id}`, { token: ana.token })).status === 404, 20_000, 'the delete');
  });

  it('receives the peer’s attachments (Image, Document), previews its picture here, and sends its own as Documents with their alt text, blurhash and focal point', async () => {
    peer.files.set('cat.jpg', { type: 'image/jpeg', bytes: await jpegWithGps(800, 600) });
    const note = new Note({
      id: new URL('/notes/30', peer.origin),
      attribution: peer.actorUri,
      to: PUBLIC_COLLECTION,
      content: 'Two files',
      attachments: [
        new Image({ url: new URL('/files/cat.jpg', peer.origin), mediaType: 'image/jpeg', name: 'A cat asleep', width: 800, height: 600 }),
        new Document({ url: new URL('/files/talk.mp4', peer.origin), mediaType: 'video/mp4', name: 'The talk' }),
        new Document({ url: new URL('ftp://nowhere.example/file') }),
      ],
    });
    await send(new Create({ id: new URL('/notes/30/create', peer.origin), actor: peer.actorUri, object: note, to: PUBLIC_COLLECTION }));
    const seen = await eventually(
      async () => (await call(parley.url, '/api/v1/timelines/home', { token: ana.token })).body.find((s: { uri: string }) => s.uri === note.id!.href),
      20_000,
      'the note with attachments',
    );
    assert.deepEqual(
      seen.media_attachments.map((m: { type: string; remote_url: string; description: string }) => [m.type, m.remote_url, m.description]),
      [
        ['image', `${peer.origin}/files/cat.jpg`, 'A cat asleep'],
        ['video', `${peer.origin}/files/talk.mp4`, 'The talk'],
      ],
    );
    // The picture gets a local preview (and a blurhash, its server gave none); the original stays on its server.
    const picture = await eventually(
      async () => {
        const m = (await call(parley.url, `/api/v1/statuses/${seen.id}`, { token: ana.token })).body.media_attachments[0];
        return m.preview_url?.startsWith(`${parley.url}/media/`) ? m : null;
      },
      20_000,
      'the local preview',
    );
    assert.equal(picture.url, `${peer.origin}/files/cat.jpg`);
    assert.equal(picture.remote_url, `${peer.origin}/files/cat.jpg`);
    assert.match(picture.blurhash, /^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{20,}$/);
    assert.deepEqual([picture.meta.original.width, picture.meta.original.height], [800, 600]);
    assert.ok(picture.meta.small.width * picture.meta.small.height <= 640 * 360);
    const preview = await fetch(picture.preview_url);
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'image/jpeg');

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(20, 10, false))]), 'flag.png');
    form.append('description', 'The flag');
    form.append('focus', '0.5,-0.25');
    const media = await call(parley.url, '/api/v1/media', { method: 'POST', token: ana.token, body: form });
    assert.ok(media.body.blurhash);
    const posted = await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'With a picture', media_ids: [media.body.id] } });
    const create = await eventually(async () => peer.received.find((a) => a.type === 'Create' && a.object.id === posted.body.uri), 20_000, 'the Create with its attachment');
    const [attachment] = [create.object.attachment].flat();
    assert.equal(attachment.type, 'Document');
    assert.equal(attachment.mediaType, 'image/png');
    assert.equal(attachment.url, media.body.url);
    assert.equal(attachment.name, 'The flag');
    assert.equal(attachment.width, 20);
    // Mastodon's terms, as Mastodon names them, in what was delivered (and signed) and in what the post's URL serves.
    const sent = peer.bodies.find((b) => b.type === 'Create' && b.object?.id === posted.body.uri);
    const served = (await (await fetch(posted.body.uri, { headers: { accept: 'application/activity+json' } })).json()) as Record<string, any>;
    for (const document of [sent, served]) {
      const [a] = [(document?.object ?? document)?.attachment].flat();
      assert.equal(a.blurhash, media.body.blurhash);
      assert.deepEqual(a.focalPoint, [0.5, -0.25]);
      assert.ok([document?.['@context']].flat().some((c: any) => c?.blurhash === 'toot:blurhash' && c?.focalPoint?.['@container'] === '@list'));
    }
  });

  it('fetches the unseen post a reply answers, to show the whole thread', async () => {
    const parent = new Note({ id: new URL('/notes/10', peer.origin), attribution: peer.actorUri, to: PUBLIC_COLLECTION, content: 'The question everyone asks' });
    peer.notes.set('10', parent);
    const reply = new Note({
      id: new URL('/notes/11', peer.origin),
      attribution: peer.actorUri,
      to: PUBLIC_COLLECTION,
      cc: anaUri(),
      replyTarget: parent.id,
      content: '<p>@ana what do you think?</p>',
      tags: [new Mention({ href: anaUri(), name: '@ana' })],
    });
    await send(new Create({ id: new URL('/notes/11/create', peer.origin), actor: peer.actorUri, object: reply, to: PUBLIC_COLLECTION, cc: anaUri() }));
    const mention = await eventually(
      async () => {
        const n = (await call(parley.url, '/api/v1/notifications?types[]=mention', { token: ana.token })).body;
        return n.find((x: { status: { uri: string } }) => x.status.uri === reply.id!.href);
      },
      20_000,
      'the reply',
    );
    const context = await call(parley.url, `/api/v1/statuses/${mention.status.id}/context`, { token: ana.token });
    assert.equal(context.body.ancestors.length, 1);
    assert.equal(context.body.ancestors[0].uri, parent.id!.href);
    assert.match(context.body.ancestors[0].content, /question everyone asks/);
    assert.equal(mention.status.in_reply_to_id, context.body.ancestors[0].id);
  });

  it('finds a post by its URL through /api/v2/search?resolve=true', async () => {
    const note = new Note({ id: new URL('/notes/20', peer.origin), attribution: peer.actorUri, to: PUBLIC_COLLECTION, content: 'A post nobody delivered here' });
    peer.notes.set('20', note);
    const anonymous = await call(parley.url, `/api/v2/search?q=${encodeURIComponent(note.id!.href)}&resolve=true`);
    assert.equal(anonymous.status, 401, 'anonymous searches never fetch (refused, as Mastodon does)');
    const found = await call(parley.url, `/api/v2/search?q=${encodeURIComponent(note.id!.href)}&resolve=true`, { token: ana.token });
    assert.equal(found.body.statuses.length, 1);
    assert.equal(found.body.statuses[0].uri, note.id!.href);
    assert.equal(found.body.statuses[0].account.acct, peer.handle);
    const byHandle = await call(parley.url, `/api/v2/search?q=${encodeURIComponent(`@${peer.handle}`)}&resolve=true&type=accounts`, { token: ana.token });
    assert.equal(byHandle.body.accounts[0].acct, peer.handle);
  });

  it('stops delivering to an actor whose inbox answers 410 Gone', async () => {
    peer.goAway();
    await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'Anyone there?' } });
    const account = await eventually(
      async () => {
        const r = await call(parley.url, `/api/v1/accounts/${peerId}`, { token: ana.token });
        return r.body.suspended ? r.body : null;
      },
      20_000,
      'the actor marked gone',
    );
    assert.equal(account.acct, peer.handle);
  });

  it('refuses an activity whose signature is not the actor’s', async () => {
    const forged = await fetch(`${parley.url}/users/ana/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${peer.origin}/forged`, type: 'Like', actor: peer.actorUri.href, object: `${parley.url}/users/ana` }),
    });
    assert.equal(forged.status, 401);
  });
});
