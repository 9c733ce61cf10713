// The streaming server writes its own text frames (one buffer shared by every client). A real
// WebSocket client (`ws`) must read them whole, at each of the three length encodings.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { textFrame } from '../../../src/api/streaming/ws.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

describe('streaming frames', () => {
  it('are read whole by a WebSocket client at 7-, 16- and 64-bit lengths', async () => {
    const texts = ['{"event":"delete","payload":"1"}', `{"payload":"${'é'.repeat(2000)}"}`, `{"payload":"${'x'.repeat(70_000)}"}`, ''];
    // A bare server that answers the handshake and writes the frames: nothing but textFrame frames them.
    const server = net.createServer((socket) => {
      socket.once('data', (request) => {
        const key = /Sec-WebSocket-Key: (\S+)/i.exec(request.toString())![1]!;
        const accept = createHash('sha1')
          .update(key + GUID)
          .digest('base64');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        for (const text of texts) socket.write(textFrame(text));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    const received: { text: string; binary: boolean }[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data, binary) => {
        received.push({ text: String(data), binary });
        if (received.length === texts.length) resolve();
      });
      client.once('error', reject);
    });
    client.terminate();
    server.close();
    assert.deepEqual(
      received.map((r) => r.binary),
      texts.map(() => false),
    );
    assert.deepEqual(
      received.map((r) => r.text),
      texts,
    );
  });
});
