// Streaming tests without fixed sleeps: a raw WebSocket that records its frames, and a way to know
// a stream is listening before anything is posted (subscribing is asynchronous and sends no reply).
import { randomInt } from 'node:crypto';
import WebSocket from 'ws';
import { channel } from '../../src/core/live.ts';
import type { Bus } from '../../src/infra/bus.ts';
import { eventually } from './wait.ts';

export interface Frame {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

export interface RawSocket {
  ws: WebSocket;
  frames: Frame[];
  /** the first frame, seen or to come, that matches */
  next(pred: (f: Frame) => boolean, ms?: number): Promise<Frame>;
}

/** A raw WebSocket on /api/v1/streaming with this query (and these headers on its opening request), recording every frame. */
export async function rawSocket(url: string, query: string, protocols?: string[], headers?: Record<string, string>): Promise<RawSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/streaming${query}`, protocols, headers ? { headers } : {});
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    for (const w of [...waiters])
      if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return {
    ws,
    frames,
    next(pred, ms = 5000) {
      const seen = frames.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching frame')), ms);
        waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) });
      });
    },
  };
}

/**
 * A status id no status has (below every snowflake id): numeric, because a client may read a
 * delete's data as JSON (Mastodon.py does, and gives up on anything else).
 */
const probeId = () => String(randomInt(1, 2 ** 47));

/** Whether a frame is a delete of this status. */
export const deletes = (id: string) => (f: Frame) => f.event === 'delete' && f.payload === id;

/**
 * Resolves once the stream hears this bus channel (see core/live `channel`): a delete of a status
 * that never existed is published on it until it arrives. Every stream passes deletes on, and
 * clients ignore a delete of a status they do not show. `heard` says whether a delete of this id
 * came (a socket's frames, or a test's own check for server-sent events).
 */
export async function listening(bus: Bus, on: string, heard: RawSocket | ((id: string) => boolean)): Promise<void> {
  const probe = probeId();
  const came = typeof heard === 'function' ? heard : (id: string) => heard.frames.some(deletes(id));
  await eventually(
    async () => {
      await bus.publish(on, JSON.stringify({ event: 'delete', id: probe }));
      return came(probe);
    },
    10_000,
    `a stream listening on ${on}`,
  );
}

/**
 * Resolves once the stream leaves out what this author sends (a mute or a block has reached it),
 * or, with `hidden` false, once it carries it again (a timed mute has run out). On one channel,
 * a delete naming the author is published, then one naming nobody: deliveries on a channel keep
 * their order, so once the second has come, the first either came before it or never will.
 */
export async function hiding(bus: Bus, on: string, heard: RawSocket | ((id: string) => boolean), authorId: string, hidden = true): Promise<void> {
  const came = typeof heard === 'function' ? heard : (id: string) => heard.frames.some(deletes(id));
  await eventually(
    async () => {
      const [named, plain] = [probeId(), probeId()];
      await bus.publishMany([
        [on, JSON.stringify({ event: 'delete', id: named, authors: [authorId] })],
        [on, JSON.stringify({ event: 'delete', id: plain })],
      ]);
      await eventually(async () => came(plain), 5000, `a stream listening on ${on}`);
      return came(named) !== hidden;
    },
    10_000,
    `a stream on ${on} ${hidden ? 'hiding' : 'showing'} ${authorId}`,
  );
}

/** Ids of the statuses a socket's `update` frames carried, in order. */
export const updateIds = (socket: RawSocket): string[] => socket.frames.filter((f) => f.event === 'update').map((f) => (JSON.parse(f.payload!) as { id: string }).id);

/** Whether a frame is about this status: its update, edit or delete. */
export const about = (id: string) => (f: Frame) =>
  f.event === 'delete' ? f.payload === id : (f.event === 'update' || f.event === 'status.update') && (JSON.parse(f.payload!) as { id: string }).id === id;

export { channel };

export interface RawSse {
  response: Response;
  /** everything received so far */
  text(): string;
  /** ends the request and waits for the reading to stop */
  close(): Promise<void>;
}

/** A server-sent-events stream (`/api/v1/streaming/user`, say) read raw, as text. */
export async function rawSse(url: string, path: string, token: string): Promise<RawSse> {
  const controller = new AbortController();
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  let text = '';
  const decoder = new TextDecoder();
  const reading = (async () => {
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })().catch(() => {});
  return {
    response,
    text: () => text,
    async close() {
      controller.abort();
      await reading;
    },
  };
}
