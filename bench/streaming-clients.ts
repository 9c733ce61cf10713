// A worker thread holding a share of the benchmark's WebSocket clients (see bench/streaming.ts),
// so the clients' own work spreads over the cores instead of queueing on one event loop.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { url } = workerData as { url: string };
const sockets: WebSocket[] = [];
/** status id → absolute arrival times (ms since the epoch, sub-millisecond) */
const arrivals = new Map<string, number[]>();

async function connect(tokens: string[]): Promise<void> {
  for (let i = 0; i < tokens.length; i += 250) {
    await Promise.all(
      tokens.slice(i, i + 250).map(
        (token) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(url, [token], { perMessageDeflate: false });
            ws.on('message', (data) => {
              const at = performance.timeOrigin + performance.now();
              // Cheap on purpose: find the status id without parsing the frame.
              const text = data.toString();
              if (!text.startsWith('{"stream":["user"],"event":"update"')) return;
              const match = /\\"id\\":\\"(\d+)\\"/.exec(text);
              if (!match) return;
              const list = arrivals.get(match[1]!) ?? [];
              list.push(at);
              arrivals.set(match[1]!, list);
            });
            ws.once('open', () => {
              sockets.push(ws);
              resolve();
            });
            ws.once('error', reject);
          }),
      ),
    );
  }
}

parentPort!.on('message', async (msg: { type: 'connect'; tokens: string[] } | { type: 'collect'; id: string } | { type: 'close' }) => {
  if (msg.type === 'connect') {
    await connect(msg.tokens);
    parentPort!.postMessage({ type: 'connected', count: sockets.length });
  } else if (msg.type === 'collect') {
    parentPort!.postMessage({ type: 'arrivals', id: msg.id, times: arrivals.get(msg.id) ?? [] });
    arrivals.delete(msg.id);
  } else {
    for (const ws of sockets) ws.terminate();
    parentPort!.postMessage({ type: 'closed' });
  }
});
