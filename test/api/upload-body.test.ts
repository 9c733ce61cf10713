// Upload bodies are streamed to a file as they arrive (src/api/upload-body.ts): a chunked body over the
// limit is cut off with 413, a client that goes away mid-body leaves nothing behind, text parts
// still reach the media, and parts left by a killed process are swept.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sweepUploads } from '../../src/api/upload-body.ts';
import { call, signUp } from '../helpers/http.ts';
import { png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

const BOUNDARY = 'parley-test-boundary';
const head = (name: string) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

describe('streamed upload bodies', () => {
  let server: TestServer;
  let token: string;
  let uploads: string;
  const parts = () => (fs.existsSync(uploads) ? fs.readdirSync(uploads).filter((n) => n.endsWith('.part')) : []);

  before(async () => {
    server = await startServer({ PARLEY_MEDIA_IMAGE_MAX_BYTES: String(1024 * 1024), PARLEY_MEDIA_VIDEO_MAX_BYTES: String(2 * 1024 * 1024) });
    token = (await signUp(server.url, 'streamer')).token;
    uploads = path.join(server.env.PARLEY_DATA_DIR!, 'uploads');
  });
  after(() => server?.stop());

  it('cuts off a chunked body over the limit with 413, and keeps nothing of it', async () => {
    const url = new URL('/api/v2/media', server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } }, (response) => {
        let body = '';
        response.on('data', (d) => (body += d));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      // The server may close the connection before every chunk is written: that is its answer.
      request.on('error', reject);
      request.write(head('big.bin'));
      const chunk = Buffer.alloc(256 * 1024, 7);
      let sent = 0;
      const more = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!request.write(chunk)) return request.once('drain', more);
        }
        request.end(tail);
      };
      more();
    }).catch((error: Error) => ({ status: 0, body: error.message }));
    assert.equal(answer.status, 413, answer.body);
    assert.match(answer.body, /too large/);
    await eventually(async () => parts().length === 0, 10_000, 'the part is removed');
    assert.equal((await call(server.url, '/api/v1/instance')).status, 200, 'still up');
  });

  it('leaves nothing behind when the client goes away mid-body', async () => {
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const body = head('half.png');
    socket.write(
      `POST /api/v2/media HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${body.length + 500_000}\r\n\r\n`,
    );
    socket.write(body);
    socket.write(Buffer.alloc(100_000, 1));
    await eventually(async () => parts().length === 1, 10_000, 'the part is being written');
    socket.destroy();
    await eventually(async () => parts().length === 0, 10_000, 'the part is removed after the client left');
    assert.equal((await call(server.url, '/api/v1/instance')).status, 200, 'still up');
  });

  it('takes the text parts with the file', async () => {
    const form = new FormData();
    form.append('description', 'A blue square');
    form.append('focus', '0.5,-0.25');
    form.append('file', new Blob([new Uint8Array(await png(40, 40, false))], { type: 'image/png' }), 'square.png');
    const response = await fetch(`${server.url}/api/v2/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const media = (await response.json()) as { description: string; meta: { focus: unknown } };
    assert.ok(response.status === 200 || response.status === 202, JSON.stringify(media));
    assert.equal(media.description, 'A blue square');
    assert.deepEqual(media.meta.focus, { x: 0.5, y: -0.25 });
    assert.deepEqual(parts(), [], 'the part is gone once stored');
  });

  it('sweeps parts older than an hour, and keeps newer ones', async () => {
    fs.mkdirSync(uploads, { recursive: true });
    const old = path.join(uploads, '1-old.part');
    const fresh = path.join(uploads, '1-fresh.part');
    fs.writeFileSync(old, 'left by a killed process');
    fs.writeFileSync(fresh, 'still arriving');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    await sweepUploads(uploads);
    assert.equal(fs.existsSync(old), false);
    assert.equal(fs.existsSync(fresh), true);
    fs.rmSync(fresh);
  });
});
