// Back-pressure: a client that stops reading is dropped once a megabyte waits for it, instead of
// the server buffering without bound; readers on the same stream keep receiving.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { call, signUp } from '../../helpers/http.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { eventually } from '../../helpers/wait.ts';

// Large posts fill the loopback socket buffers (several megabytes) in a few dozen events.
const CHARS = 60_000;

describe('a streaming client that stops reading', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ PARLEY_MAX_STATUS_CHARS: String(CHARS) });
  });
  after(async () => {
    await server.stop();
  });

  it('is dropped, while a reading client on the same stream gets every event', async (t) => {
    const author = await signUp(server.url, 'loud');
    const { port } = new URL(server.url);
    // A WebSocket handshake by hand, then never a byte read: the kernel buffers fill, then the server's.
    const stalled = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write(
      'GET /api/v1/streaming?stream=public HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    stalled.pause();
    let stalledClosed = false;
    stalled.on('close', () => (stalledClosed = true));
    stalled.on('error', () => {});

    const reader = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=public`);
    let received = 0;
    reader.on('message', (d) => {
      if (JSON.parse(String(d)).event === 'update') received++;
    });
    await new Promise((resolve, reject) => (reader.once('open', resolve), reader.once('error', reject)));
    await eventually(async () => server.app.streamingStats().connections === 2, 5000, 'both connections open');

    const body = 'Statement. '.repeat(Math.floor(CHARS / 11) - 1);
    let posted = 0;
    // Post until the server lets the stalled client go (bounded, so a broken limit fails the test).
    for (; posted < 400 && server.app.streamingStats().connections === 2; posted++) {
      const r = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: `${posted} ${body}` } });
      assert.equal(r.status, 200);
      if (posted % 10 === 9) await server.app.jobs.idle();
    }
    await eventually(async () => server.app.streamingStats().connections === 1, 10_000, 'the stalled client dropped');
    assert.ok(posted < 400, `not dropped after ${posted} posts of ~${CHARS / 1000} KB`);
    t.diagnostic(`dropped after ${posted} posts of ~${CHARS / 1000} KB (kernel buffers, then 1 MB in the server)`);
    await server.app.jobs.idle();
    await eventually(async () => received === posted, 10_000, `the reader got all ${posted} posts (has ${received})`);
    // Its socket is closed by the server (the client sees it once it reads again).
    stalled.resume();
    await eventually(async () => stalledClosed, 10_000, 'the stalled socket closed');
    reader.close();
  });
});
