// A child process holding a share of bench/events.ts's anonymous viewers: WebSocket clients on one
// event's stream. Processes, not worker threads, since one process may hold only `ulimit -n` sockets.
// It records when each answered question's frame arrives, and each viewer's last vote count of the
// question the parent watches.
import WebSocket from 'ws';

/** question id → arrival times (ms since the epoch, sub-millisecond) of its `answered` frames */
const answered = new Map<string, number[]>();
const sockets: WebSocket[] = [];
let dropped = 0;
/** the question whose counts are watched, and each viewer's last count of it (-1: none heard) */
let watched = '';
let watchedPattern: RegExp | null = null;
let lastVotes = new Int32Array(0);

const now = () => performance.timeOrigin + performance.now();
const ID = /\\"id\\":\\"(\d+)\\"/;

function onFrame(index: number, data: WebSocket.RawData): void {
  const at = now();
  // Cheap on purpose: the frame is looked into, not parsed (20,000 viewers hear every one).
  const text = data.toString();
  if (text.includes('"event":"event.votes"')) {
    const count = watchedPattern?.exec(text)?.[1];
    if (count !== undefined) lastVotes[index] = Number(count);
    return;
  }
  if (!text.includes('"event":"event.question"') || !text.includes('\\"state\\":\\"answered\\"')) return;
  const id = ID.exec(text)?.[1];
  if (!id) return;
  let list = answered.get(id);
  if (!list) answered.set(id, (list = []));
  list.push(at);
}

function open(url: string, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (data) => onFrame(index, data));
    ws.once('open', () => {
      sockets[index] = ws;
      ws.once('close', () => dropped++);
      resolve();
    });
    ws.once('error', reject);
  });
}

async function connect(urls: string[], count: number): Promise<void> {
  lastVotes = new Int32Array(count).fill(-1);
  for (let i = 0; i < count; i += 250) {
    const batch = Array.from({ length: Math.min(250, count - i) }, (_, k) => open(urls[(i + k) % urls.length]!, i + k));
    await Promise.all(batch);
  }
}

type Message = { type: 'connect'; urls: string[]; count: number } | { type: 'collect'; id: string } | { type: 'watch'; id: string } | { type: 'votes' } | { type: 'close' };

process.on('message', (msg: Message) => {
  void (async () => {
    if (msg.type === 'connect') {
      await connect(msg.urls, msg.count);
      process.send!({ type: 'connected', count: sockets.length });
    } else if (msg.type === 'collect') {
      process.send!({ type: 'arrivals', times: answered.get(msg.id) ?? [] });
    } else if (msg.type === 'watch') {
      watched = msg.id;
      watchedPattern = new RegExp(`\\\\"${watched}\\\\":(\\d+)`);
      lastVotes.fill(-1);
      process.send!({ type: 'watching' });
    } else if (msg.type === 'votes') {
      process.send!({ type: 'votes', last: [...lastVotes], dropped });
    } else {
      for (const ws of sockets) ws?.terminate();
      process.send!({ type: 'closed' });
    }
  })().catch((error: unknown) => {
    console.error('[events-clients]', error);
    process.exit(1);
  });
});
