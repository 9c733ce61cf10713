// Media uploads through real clients (masto.js, megalodon): every accepted kind made by the test
// itself, processed by the job queue, served by Parley with ranges; and every bad input refused.
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import generator from 'megalodon';
import sharp from 'sharp';
import { call, fetchBytes, signUp } from '../helpers/http.ts';
import { animatedGif, jpegWithGps, mp3, mp4, png, pngClaiming, webm } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('media uploads', () => {
  let server: TestServer;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  let masto: mastodon.rest.Client;

  before(async () => {
    server = await startServer({ PARLEY_MEDIA_IMAGE_MAX_BYTES: String(4 * 1024 * 1024), PARLEY_MEDIA_VIDEO_MAX_BYTES: String(8 * 1024 * 1024) });
    [alice, bob] = [await signUp(server.url, 'alice'), await signUp(server.url, 'bob')];
    masto = createRestAPIClient({ url: server.url, accessToken: alice.token, mediaTimeout: 60_000 });
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const upload = (bytes: Buffer, name: string, path = '/api/v2/media', token = alice.token, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return call(server.url, path, { method: 'POST', token, body: form });
  };

  it('takes a JPEG through masto.js: oriented, every metadata gone (no GPS), a preview, a blurhash, the alt text and focus kept', async () => {
    const jpeg = await jpegWithGps(1200, 800);
    assert.ok((await sharp(jpeg).metadata()).exif, 'the fixture carries EXIF');
    const media = await masto.v2.media.create({ file: new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), description: 'The Seine at dusk', focus: '0.5,-0.25' });
    assert.equal(media.type, 'image');
    assert.equal(media.description, 'The Seine at dusk');
    assert.deepEqual((media.meta as { focus?: unknown }).focus, { x: 0.5, y: -0.25 });
    assert.match(media.blurhash ?? '', /^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{20,}$/);
    const served = await fetchBytes(media.url!);
    const meta = await sharp(served.bytes).metadata();
    assert.equal(meta.exif, undefined, 'no EXIF (no GPS) in the served file');
    assert.equal(meta.orientation, undefined);
    assert.deepEqual([meta.width, meta.height], [800, 1200], 'the orientation was applied');
    assert.deepEqual((media.meta as { original?: unknown }).original, { width: 800, height: 1200, size: '800x1200', aspect: 0.666667 });
    assert.equal(served.headers.get('content-type'), 'image/jpeg');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.match(served.headers.get('cache-control') ?? '', /immutable/);
    const preview = await sharp((await fetchBytes(media.previewUrl!)).bytes).metadata();
    assert.ok(preview.width * preview.height <= 230_400 && preview.height > preview.width);
  });

  it('takes a PNG (transparency kept) and an animated GIF (a silent looping MP4: gifv) through megalodon', async () => {
    const client = generator('mastodon', server.url, alice.token);
    // megalodon sends a file as a stream (form-data), as a Node app would.
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'parley-upload-')), 'leaf.png');
    await writeFile(file, await png());
    const pngMedia = (await client.uploadMedia(createReadStream(file))).data;
    assert.equal(pngMedia.type, 'image');
    assert.equal((await sharp((await fetchBytes(pngMedia.url!)).bytes).metadata()).hasAlpha, true);
    const gif = (await upload(await animatedGif(), 'wave.gif')).body;
    assert.equal(gif.type, 'gifv');
    const ready = await waitReady(gif.id);
    const served = await fetchBytes(ready.url);
    assert.equal(served.headers.get('content-type'), 'video/mp4');
    assert.equal(ready.meta.original.width, 160);
    assert.ok(ready.preview_url);
  });

  async function waitReady(id: string): Promise<any> {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const r = await call(server.url, `/api/v1/media/${id}`, { token: alice.token });
      if (r.status === 200) return r.body;
      assert.equal(r.status, 206, JSON.stringify(r.body));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`media ${id} never became ready`);
  }

  it('answers 202 for a video, 206 while it is processed, then 200 with duration, fps and a poster; seeking works with Range', async () => {
    const answer = await upload(await mp4(2), 'clip.mp4');
    assert.equal(answer.status, 202);
    assert.equal(answer.body.url, null);
    const ready = await waitReady(answer.body.id);
    assert.equal(ready.type, 'video');
    assert.equal(ready.meta.original.width, 640);
    assert.ok(Math.abs(ready.meta.original.duration - 2) < 0.2);
    assert.equal(ready.meta.fps, 30);
    const whole = await fetchBytes(ready.url);
    const partial = await fetch(ready.url, { headers: { Range: 'bytes=100-199' } });
    assert.equal(partial.status, 206);
    assert.equal(partial.headers.get('content-range'), `bytes 100-199/${whole.bytes.length}`);
    assert.deepEqual(Buffer.from(await partial.arrayBuffer()), whole.bytes.subarray(100, 200));
    const tail = await fetch(ready.url, { headers: { Range: 'bytes=-10' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), whole.bytes.subarray(whole.bytes.length - 10));
    const beyond = await fetch(ready.url, { headers: { Range: `bytes=${whole.bytes.length}-` } });
    assert.equal(beyond.status, 416);
    await beyond.body?.cancel();
    assert.doesNotMatch(whole.bytes.toString('latin1'), /48\.8584/, 'the recording place is gone');
  });

  it('turns a WebM into H.264 MP4 and keeps an MP3 as MP3 without its tags (v1 waits for the result)', async () => {
    const video = await upload(await webm(2), 'clip.webm', '/api/v1/media');
    assert.equal(video.status, 200, JSON.stringify(video.body));
    assert.equal(video.body.type, 'video');
    assert.match(video.body.url, /\.mp4$/);
    const audio = await upload(await mp3(2), 'song.mp3', '/api/v1/media');
    assert.equal(audio.status, 200, JSON.stringify(audio.body));
    assert.equal(audio.body.type, 'audio');
    const served = await fetchBytes(audio.body.url);
    assert.equal(served.headers.get('content-type'), 'audio/mpeg');
    assert.doesNotMatch(served.bytes.toString('latin1'), /Secret/);
  });

  it('updates the description and focus; only the uploader sees or changes it; deletes it while unattached', async () => {
    const media = (await upload(await png(64, 64, false), 'dot.png')).body;
    const put = await call(server.url, `/api/v1/media/${media.id}`, { method: 'PUT', token: alice.token, json: { description: 'A green dot', focus: '-1,1' } });
    assert.equal(put.status, 200);
    assert.equal(put.body.description, 'A green dot');
    assert.deepEqual(put.body.meta.focus, { x: -1, y: 1 });
    const badFocus = await call(server.url, `/api/v1/media/${media.id}`, { method: 'PUT', token: alice.token, json: { focus: '2,0' } });
    assert.equal(badFocus.status, 422);
    assert.equal((await call(server.url, `/api/v1/media/${media.id}`, { token: bob.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/media/${media.id}`, { method: 'PUT', token: bob.token, json: { description: 'mine' } })).status, 404);
    assert.equal((await call(server.url, `/api/v1/media/${media.id}`, { method: 'DELETE', token: bob.token })).status, 404);
    assert.equal((await call(server.url, `/api/v1/media/${media.id}`, { method: 'DELETE', token: alice.token })).status, 200);
    assert.equal((await call(server.url, `/api/v1/media/${media.id}`, { token: alice.token })).status, 404);
    assert.equal((await fetch(media.url)).status, 404, 'its file is gone');
  });

  it('refuses bad files with a clear 4xx and stays up', async () => {
    const refusals: [string, Buffer, number, RegExp][] = [
      ['page.jpg', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 422, /not a supported/],
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 422, /not a supported/],
      ['empty.png', Buffer.alloc(0), 422, /empty/],
      ['bomb.png', pngClaiming(50_000, 50_000), 422, /too many pixels/],
      ['archive.zip', Buffer.from('504b0304140000000800', 'hex'), 422, /not a supported/],
    ];
    for (const [name, bytes, status, message] of refusals) {
      const r = await upload(bytes, name, '/api/v1/media');
      assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.error, message, name);
    }
    const jpeg = await jpegWithGps(600, 400);
    const truncated = await upload(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'cut.jpg', '/api/v1/media');
    assert.equal(truncated.status, 422, JSON.stringify(truncated.body));
    // An MP4 box header over garbage: file-type calls it video, ffprobe finds no stream.
    const noStreams = Buffer.concat([Buffer.from('0000001c6674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(4096, 7)]);
    const hollow = await upload(noStreams, 'hollow.mp4', '/api/v1/media');
    assert.equal(hollow.status, 422, JSON.stringify(hollow.body));
    const huge = await upload(Buffer.alloc(9 * 1024 * 1024, 1), 'big.mp4');
    assert.equal(huge.status, 413);
    const noFile = await call(server.url, '/api/v2/media', { token: alice.token, json: { description: 'nothing' } });
    assert.equal(noFile.status, 400);
    assert.equal((await call(server.url, '/api/v1/instance')).status, 200, 'still up');
  });

  it('states its real limits in the instance entity', async () => {
    const instance = await masto.v2.instance.fetch();
    const media = instance.configuration.mediaAttachments;
    assert.equal(media.imageSizeLimit, 4 * 1024 * 1024);
    assert.equal(media.videoSizeLimit, 8 * 1024 * 1024);
    assert.ok(media.supportedMimeTypes.includes('image/heic'));
    assert.ok(!media.supportedMimeTypes.some((t) => t.includes('svg') || t.includes('html')));
  });
});
