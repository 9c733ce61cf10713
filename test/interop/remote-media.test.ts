// Media between Parley and servers that write JSON as Mastodon does (test/helpers/lax-peer.ts: raw
// JSON, Mastodon's `toot:` terms): their attachments' blurhash and focal point come in, their
// pictures get a local preview (a video its poster's) while the originals stay on their server, a
// file over the limit is left there, edits keep previews and a deleted post's go with the clean-up;
// Parley's own attachments reach five servers at once with their blurhash and focal point.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLaxPeer, type LaxPeer } from '../helpers/lax-peer.ts';
import { call, signUp } from '../helpers/http.ts';
import { jpegWithGps, png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { testTls } from '../helpers/tls.ts';
import { eventually } from '../helpers/wait.ts';

const tls = testTls();
const AS = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = `${AS}#Public`;
/** What Mastodon puts in the context of a Note with media. */
const MASTODON_CONTEXT = [AS, { toot: 'http://joinmastodon.org/ns#', blurhash: 'toot:blurhash', focalPoint: { '@container': '@list', '@id': 'toot:focalPoint' }, sensitive: 'as:sensitive' }];
const REMOTE_MAX_BYTES = 200_000;
const BLURHASH = 'UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH';

type Attachment = { url: string; preview_url: string | null; remote_url: string; blurhash: string | null; description: string; meta: Record<string, any> };

describe('media with servers that write JSON as Mastodon does', { skip: tls ? false : 'openssl is needed to make the test certificate authority' }, () => {
  let parley: TestServer;
  let peers: LaxPeer[];
  let ana: Awaited<ReturnType<typeof signUp>>;
  const peer = () => peers[0]!;
  const anaUri = () => `${parley.url}/users/ana`;
  const statusOf = async (uri: string) => (await call(parley.url, `/api/v2/search?q=${encodeURIComponent(uri)}&resolve=true&type=statuses`, { token: ana.token })).body.statuses[0];
  const mediaOf = async (statusId: string): Promise<Attachment[]> => (await call(parley.url, `/api/v1/statuses/${statusId}`, { token: ana.token })).body.media_attachments ?? [];
  const isLocal = (url: string | null) => url?.startsWith(`${parley.url}/media/`) === true;

  const note = (id: string, attachment: Record<string, unknown>[]) => ({
    '@context': MASTODON_CONTEXT,
    id: `${peer().origin}/notes/${id}`,
    type: 'Note',
    attributedTo: peer().actorUri,
    to: [PUBLIC],
    content: '<p>From the harbour</p>',
    published: new Date().toISOString(),
    attachment,
  });
  const file = (name: string) => `${peer().origin}/files/${name}`;

  before(async () => {
    [parley, ...peers] = await Promise.all([
      startServer({ PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'true', PARLEY_MEDIA_REMOTE_MAX_BYTES: String(REMOTE_MAX_BYTES) }, { tls: tls!, proxy: true }),
      ...['harbour', 'p2', 'p3', 'p4', 'p5'].map((name) => startLaxPeer(tls!, name)),
    ]);
    ana = await signUp(parley.url, 'ana');
  });
  after(async () => {
    await Promise.all([parley?.stop(), ...(peers ?? []).map((p) => p.stop())]);
  });

  it('takes blurhash and focal point from a Mastodon Note, previews its pictures here, and leaves a file over the limit on its server', async () => {
    const huge = await jpegWithGps(1600, 1200);
    assert.ok(huge.length > REMOTE_MAX_BYTES, `the large file is ${huge.length} bytes`);
    peer().files.set('harbour.png', { type: 'image/png', bytes: await png(320, 200, false) });
    peer().files.set('huge.jpg', { type: 'image/jpeg', bytes: huge });
    peer().files.set('poster.jpg', { type: 'image/jpeg', bytes: await jpegWithGps(640, 360) });
    const sent = note('1', [
      { type: 'Document', mediaType: 'image/png', url: file('harbour.png'), name: 'The harbour', blurhash: BLURHASH, focalPoint: [0.3, -0.6], width: 320, height: 200 },
      { type: 'Document', mediaType: 'image/jpeg', url: file('huge.jpg'), name: 'Too large', blurhash: BLURHASH, width: 1600, height: 1200 },
      { type: 'Document', mediaType: 'video/mp4', url: file('talk.mp4'), name: 'The talk', icon: { type: 'Image', mediaType: 'image/jpeg', url: file('poster.jpg') } },
    ]);
    await peer().send({ '@context': MASTODON_CONTEXT, id: `${sent.id}/activity`, type: 'Create', actor: peer().actorUri, to: [PUBLIC], object: sent }, `${parley.url}/inbox`);
    const status = await eventually(async () => statusOf(sent.id), 20_000, 'the note');
    const [picture, large, video] = await eventually(
      async () => {
        const media = await mediaOf(status.id);
        return isLocal(media[0]?.preview_url ?? null) && isLocal(media[2]?.preview_url ?? null) ? media : null;
      },
      20_000,
      'the local previews',
    );
    assert.equal(picture!.url, file('harbour.png'), 'the original stays on its server');
    assert.equal(picture!.remote_url, file('harbour.png'));
    assert.equal(picture!.blurhash, BLURHASH, 'the blurhash its server gave is kept');
    assert.deepEqual(picture!.meta.focus, { x: 0.3, y: -0.6 });
    assert.equal((await fetch(picture!.preview_url!)).status, 200);
    assert.equal(video!.url, file('talk.mp4'));
    assert.equal((await fetch(video!.preview_url!)).headers.get('content-type'), 'image/jpeg', 'a video is previewed by its poster');

    await parley.app.jobs.idle(20_000);
    const [, stillLarge] = await mediaOf(status.id);
    assert.ok(!isLocal(stillLarge!.preview_url), 'no preview of a file over the limit');
    assert.equal(stillLarge!.url, file('huge.jpg'), 'it is shown from its server');
    assert.equal(stillLarge!.blurhash, BLURHASH);
    assert.equal(large!.description, 'Too large');
    const refused = await parley.app.database.pool.query('select error from media_attachments where remote_url = $1', [file('huge.jpg')]);
    assert.match(refused.rows[0].error, /more than the 200000 bytes/);
  });

  it('keeps the preview of a file an edit still carries, and removes a deleted post’s previews with the clean-up', async () => {
    const sent = note('1', [{ type: 'Document', mediaType: 'image/png', url: file('harbour.png'), name: 'The harbour, at dawn', blurhash: BLURHASH, focalPoint: [0, 0] }]);
    const status = await statusOf(sent.id);
    const before = (await mediaOf(status.id))[0]!;
    const fetches = peer().fetched.filter((f) => f === '/files/harbour.png').length;
    await peer().send(
      {
        '@context': MASTODON_CONTEXT,
        id: `${sent.id}#updates/1`,
        type: 'Update',
        actor: peer().actorUri,
        to: [PUBLIC],
        object: { ...sent, content: '<p>Edited</p>', updated: new Date().toISOString() },
      },
      `${parley.url}/inbox`,
    );
    const [kept] = await eventually(
      async () => {
        const media = await mediaOf(status.id);
        return media.length === 1 && media[0]!.description === 'The harbour, at dawn' ? media : null;
      },
      20_000,
      'the edit',
    );
    assert.equal(kept!.preview_url, before.preview_url, 'the same preview');
    assert.deepEqual(kept!.meta.focus, { x: 0, y: 0 });
    await parley.app.jobs.idle(20_000);
    assert.equal(peer().fetched.filter((f) => f === '/files/harbour.png').length, fetches, 'not fetched again');

    await peer().send({ '@context': AS, id: `${sent.id}#delete`, type: 'Delete', actor: peer().actorUri, to: [PUBLIC], object: { type: 'Tombstone', id: sent.id } }, `${parley.url}/inbox`);
    await eventually(async () => (await call(parley.url, `/api/v1/statuses/${status.id}`, { token: ana.token })).status === 404, 20_000, 'the delete');
    await parley.app.core.media.cleanup.run();
    assert.equal((await fetch(kept!.preview_url!)).status, 404, 'the preview is gone');
  });

  it('sends its own attachments to five servers at once with their blurhash and focal point, signed', async () => {
    for (const [i, p] of peers.entries())
      assert.equal((await p.send({ '@context': AS, id: `${p.origin}/follows/${i}`, type: 'Follow', actor: p.actorUri, object: anaUri() }, `${anaUri()}/inbox`)).status, 202);
    await eventually(async () => peers.every((p) => p.accepted.some((a) => a.type === 'Accept')), 20_000, 'the five Accepts');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(64, 48, false))]), 'flag.png');
    form.append('description', 'A flag');
    form.append('focus', '-0.5,0.75');
    const media = await call(parley.url, '/api/v1/media', { method: 'POST', token: ana.token, body: form });
    const posted = await call(parley.url, '/api/v1/statuses', { token: ana.token, json: { status: 'To five servers', media_ids: [media.body.id] } });
    const creates = await eventually(
      async () => {
        const found = peers.map((p) => p.accepted.find((a) => a.type === 'Create' && a.object?.id === posted.body.uri));
        return found.every(Boolean) ? found : null;
      },
      20_000,
      'the Create at each server',
    );
    for (const create of creates) {
      const [a] = [create!.object.attachment].flat();
      assert.equal(a.blurhash, media.body.blurhash);
      assert.deepEqual(a.focalPoint, [-0.5, 0.75]);
    }
    for (const p of peers) assert.deepEqual(p.refused, [], 'each signature verified');
  });
});
