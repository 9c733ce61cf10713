// Media through Mastodon.py, the third real client (masto.js and megalodon are in media.test.ts):
// every kind of file the test makes is uploaded with a description, processed, posted, read back,
// edited and deleted by Mastodon.py (test/helpers/mastodonpy/media.py); the test checks what
// Parley serves in between.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { call, fetchBytes, signUp } from '../helpers/http.ts';
import { mastodonPyMissing, type PyUser, runMastodonPy } from '../helpers/mastodonpy.ts';
import { animatedGif, jpegWithGps, mp3, mp4, png, webm } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

interface Media {
  id: string;
  type: string;
  url: string;
  preview_url: string | null;
  description: string;
  meta: { original?: { width?: number; height?: number } };
}
interface Status {
  id: string;
  content: string;
  media_attachments: Media[];
}

// Uploaded in this order; a post holds four, so the edit swaps in the last two.
const FILES = [
  { name: 'seine.jpg', make: () => jpegWithGps(1200, 800), description: 'The Seine at dusk', type: 'image', served: 'image/jpeg' },
  { name: 'leaf.png', make: () => png(), description: 'A green leaf', type: 'image', served: 'image/png' },
  { name: 'wave.gif', make: () => animatedGif(), description: 'A waving test card', type: 'gifv', served: 'video/mp4' },
  { name: 'clip.mp4', make: () => mp4(2), description: 'Two seconds of test card', type: 'video', served: 'video/mp4' },
  { name: 'clip.webm', make: () => webm(2), description: 'The same in WebM', type: 'video', served: 'video/mp4' },
  { name: 'tone.mp3', make: () => mp3(2), description: 'A 440 Hz tone', type: 'audio', served: 'audio/mpeg' },
];

describe('media through Mastodon.py', { skip: mastodonPyMissing }, () => {
  let server: TestServer;
  let alice: PyUser;
  let dir: string;
  let uploads: Media[];
  let status: Status;

  before(async () => {
    server = await startServer();
    alice = { url: server.url, token: (await signUp(server.url, 'alice')).token };
    dir = await mkdtemp(path.join(tmpdir(), 'parley-mastodonpy-'));
    for (const file of FILES) await writeFile(path.join(dir, file.name), await file.make());
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads every kind with its description (media_post), posts four and reads them back from the status, the account and the timelines', async () => {
    const files = FILES.map((f) => `${path.join(dir, f.name)}=${f.description}`);
    const result = await runMastodonPy<{ uploads: Media[]; status: Status; read: Record<string, Status> }>('media', ['post', ...files], alice);
    uploads = result.uploads;
    status = result.status;
    assert.deepEqual(
      uploads.map((m) => [m.type, m.description]),
      FILES.map((f) => [f.type, f.description]),
    );
    const attached = uploads.slice(0, 4).map((m) => [m.id, m.type, m.description, m.url]);
    const shown = (s: Status) => s.media_attachments.map((m) => [m.id, m.type, m.description, m.url]);
    assert.deepEqual(shown(status), attached);
    for (const [where, read] of Object.entries(result.read)) assert.deepEqual(shown(read), attached, where);
  });

  it('serves what it uploaded: the JPEG without EXIF (no GPS), the GIF as a looping MP4, the WebM as MP4, the MP3 without its tags', async () => {
    for (const [i, file] of FILES.entries()) {
      const served = await fetchBytes(uploads[i]!.url);
      assert.equal(served.headers.get('content-type'), file.served, file.name);
    }
    const jpeg = await sharp((await fetchBytes(uploads[0]!.url)).bytes).metadata();
    assert.equal(jpeg.exif, undefined, 'no EXIF (no GPS) in the served JPEG');
    assert.deepEqual([jpeg.width, jpeg.height], [800, 1200], 'the orientation was applied');
    assert.equal((await sharp((await fetchBytes(uploads[1]!.url)).bytes).metadata()).hasAlpha, true);
    assert.equal(uploads[2]!.meta.original?.width, 160);
    assert.doesNotMatch((await fetchBytes(uploads[3]!.url)).bytes.toString('latin1'), /48\.8584/, 'the recording place is gone');
    assert.match(uploads[4]!.url, /\.mp4$/);
    assert.doesNotMatch((await fetchBytes(uploads[5]!.url)).bytes.toString('latin1'), /Secret/);
    for (const m of uploads.filter((u) => u.type !== 'audio')) await fetchBytes(m.preview_url!);
  });

  it('edits the attachments (status_update) and the history keeps what each version carried', async () => {
    const kept = [uploads[4]!, uploads[5]!, uploads[0]!];
    const { edited, history } = await runMastodonPy<{ edited: Status; history: Status[] }>('media', ['edit', status.id, ...kept.map((m) => m.id)], alice);
    const ids = (s: Status) => s.media_attachments.map((m) => m.id);
    assert.match(edited.content, /Edited through Mastodon\.py/);
    assert.deepEqual(
      ids(edited),
      kept.map((m) => m.id),
    );
    assert.deepEqual(
      edited.media_attachments.map((m) => m.description),
      kept.map((m) => m.description),
    );
    assert.deepEqual(history.map(ids), [uploads.slice(0, 4).map((m) => m.id), kept.map((m) => m.id)]);
    const read = await call(server.url, `/api/v1/statuses/${status.id}`, { token: alice.token });
    assert.deepEqual(
      ids(read.body),
      kept.map((m) => m.id),
    );
  });

  it('deletes the post (status_delete): Mastodon.py and HTTP no longer find it', async () => {
    const { deleted, gone } = await runMastodonPy<{ deleted: Status; gone: boolean }>('media', ['delete', status.id], alice);
    assert.equal(deleted.id, status.id);
    assert.equal(gone, true);
    assert.equal((await call(server.url, `/api/v1/statuses/${status.id}`, { token: alice.token })).status, 404);
  });
});
