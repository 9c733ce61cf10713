// Heartbeats: every streaming WebSocket is pinged (a slice of them at a time); one that answers
// stays open, one that stops answering is closed and forgotten.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { signUp } from '../../helpers/http.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { eventually } from '../../helpers/wait.ts';

describe('streaming heartbeats (PARLEY_STREAMING_HEARTBEAT_MS=300)', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    server = await startServer({ PARLEY_STREAMING_HEARTBEAT_MS: '300' });
    token = (await signUp(server.url, 'heartbeat')).token;
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const open = async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, [token]);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    return ws;
  };

  it('keeps a client that answers pings, and closes one that has stopped answering', async () => {
    const lively = await open();
    let pings = 0;
    lively.on('ping', () => pings++);
    const silent = await open();
    await eventually(async () => server.app.streamingStats().connections === 2, 2000, 'both connections known');
    // The silent client stops reading: pings pile up unread and are never answered.
    (silent as unknown as { _socket: { pause(): void } })._socket.pause();
    await eventually(async () => server.app.streamingStats().connections === 1, 3000, 'the silent connection closed');
    // The answering client lives on through further heartbeats.
    const seen = pings;
    await eventually(async () => pings >= seen + 2, 3000, 'two more pings to the answering client');
    assert.equal(lively.readyState, WebSocket.OPEN);
    assert.equal(server.app.streamingStats().connections, 1);
    lively.close();
    silent.terminate();
    await eventually(async () => server.app.streamingStats().connections === 0, 2000, 'every connection forgotten');
  });
});
