// Media in an S3-compatible bucket: an S3 server (s3rver) started by the test holds the files, the
// bucket serves them at the configured public base, Parley's own /media serves nothing.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { call, signUp } from '../helpers/http.ts';
import { jpegWithGps, mp4 } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('media in an S3 bucket', () => {
  let s3: S3rver;
  let dir: string;
  let server: TestServer;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let endpoint: string;
  let client: S3Client;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parley-s3rver-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'parley-media', configs: [] }] });
    const address = await s3.run();
    endpoint = `http://127.0.0.1:${address.port}`;
    client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    server = await startServer({
      PARLEY_MEDIA_STORAGE: 's3',
      PARLEY_S3_BUCKET: 'parley-media',
      PARLEY_S3_ENDPOINT: endpoint,
      PARLEY_S3_ACCESS_KEY_ID: 'S3RVER',
      PARLEY_S3_SECRET_ACCESS_KEY: 'S3RVER',
      PARLEY_MEDIA_BASE_URL: `${endpoint}/parley-media`,
    });
    alice = await signUp(server.url, 'alice');
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });

  const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: 'parley-media' }))).Contents ?? []).map((o) => o.Key!);
  const upload = (bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return call(server.url, '/api/v1/media', { method: 'POST', token: alice.token, body: form });
  };

  it('stores the processed files in the bucket, served from the public base; the original is removed; deleting removes the files', async () => {
    const media = await upload(await jpegWithGps(600, 400), 'photo.jpg');
    assert.equal(media.status, 200, JSON.stringify(media.body));
    assert.ok(media.body.url.startsWith(`${endpoint}/parley-media/`), media.body.url);
    const served = await fetch(media.body.url);
    assert.equal(served.status, 200);
    assert.equal((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif, undefined);
    const stored = await keys();
    assert.equal(stored.length, 2, `file and preview only, no original: ${stored}`);
    assert.ok(!stored.some((k) => k.startsWith('originals/')));
    const local = await fetch(`${server.url}/media/${stored[0]}`);
    assert.equal(local.status, 404, 'Parley does not serve what the bucket serves');
    await local.body?.cancel();
    assert.equal((await call(server.url, `/api/v1/media/${media.body.id}`, { method: 'DELETE', token: alice.token })).status, 200);
    assert.deepEqual(await keys(), []);
  });

  it('processes a video read back from the bucket', async () => {
    const media = await upload(await mp4(1), 'clip.mp4');
    assert.equal(media.status, 200, JSON.stringify(media.body));
    assert.equal(media.body.type, 'video');
    const r = await fetch(media.body.url, { headers: { Range: 'bytes=0-99' } });
    assert.equal(r.status, 206);
    assert.equal((await r.arrayBuffer()).byteLength, 100);
  });
});
