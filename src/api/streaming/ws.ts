// GET /api/v1/streaming over WebSocket: subscribe/unsubscribe messages and the `stream` query,
// token by header, query or Sec-WebSocket-Protocol, as Mastodon accepts.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Auth } from '../auth.ts';
import { describeError } from '../errors.ts';
import { parseJson } from '../exact-json.ts';
import { languagesOf } from '../reader-languages.ts';
import type { Hub, StreamClient } from './hub.ts';
import { resolveStream, StreamError, streamScope, type StreamRequest } from './streams.ts';

const PATH = '/api/v1/streaming';
/** Connections are pinged in this many groups, one group at a time (see startHeartbeat). */
const HEARTBEAT_SLICES = 30;
/** A client whose unsent data passes this is too slow: it is dropped, not buffered without bound. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header && /^Bearer\s+\S+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
  const query = url.searchParams.get('access_token');
  if (query) return query;
  const protocol = req.headers['sec-websocket-protocol'];
  return protocol ? protocol.split(',')[0]!.trim() : undefined;
}

/**
 * A whole text frame (header and payload), made once and written as is to every client: one
 * buffer and one write per client instead of the library's framing for each. Frames are never
 * compressed here (the server offers no permessage-deflate), so they are the same for everyone.
 */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  // RFC 6455 §5.2: FIN + text opcode, then the length in 7, 16 or 64 bits; servers do not mask.
  const header = Buffer.alloc(n < 126 ? 2 : n < 65536 ? 4 : 10);
  header[0] = 0x81;
  if (n < 126) header[1] = n;
  else if (n < 65536) {
    header[1] = 126;
    header.writeUInt16BE(n, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, payload]);
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function attachWebSockets(server: Server, deps: { hub: Hub; auth: Auth; heartbeatMs: number }): () => Promise<void> {
  const { hub, auth, heartbeatMs } = deps;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024, handleProtocols: (protocols) => [...protocols][0] ?? false });
  const heartbeat = startHeartbeat(heartbeatMs);

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.replace(/\/+$/, '') !== PATH) return void socket.destroy();
    let viewer: Viewer;
    try {
      viewer = await viewerOf(auth, req, url);
    } catch (error) {
      const { status, body } = describeError(error);
      return refuse(socket, status, body.error);
    }
    const relations = await hub.relationsOf(viewer.viewerId);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const leave = heartbeat.join(ws);
      const connection: Connection = { ws, hub, auth, scopes: viewer.scopes, client: socketClient(ws, socket, viewer, relations) };
      ws.on('message', (data) => onMessage(connection, data));
      ws.on('close', () => {
        leave();
        void hub.remove(connection.client);
      });
      ws.on('error', () => ws.terminate());
      const initial = url.searchParams.get('stream');
      if (initial)
        void subscribe(connection, {
          stream: initial,
          tag: url.searchParams.get('tag') ?? undefined,
          list: url.searchParams.get('list') ?? undefined,
          event: url.searchParams.get('event') ?? undefined,
        });
    });
  };

  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    void onUpgrade(req, socket, head).catch((error: unknown) => {
      console.error('[streaming] could not open a connection:', error);
      socket.destroy();
    });
  server.on('upgrade', listener);
  return async () => {
    heartbeat.stop();
    server.off('upgrade', listener);
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

/**
 * Each connection is pinged every heartbeatMs, one slice of them at a time: pinging ten thousand
 * at once took a quarter of a second, and a post arriving meanwhile waited behind the pings. One
 * that has not answered the previous ping is cut.
 */
function startHeartbeat(heartbeatMs: number) {
  const alive = new WeakSet<WebSocket>();
  const slices = Array.from({ length: HEARTBEAT_SLICES }, () => new Set<WebSocket>());
  let joined = 0;
  let tick = 0;
  const timer = setInterval(() => {
    tick = (tick + 1) % slices.length;
    for (const ws of slices[tick]!) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, heartbeatMs / HEARTBEAT_SLICES);
  timer.unref();
  return {
    /** Pings this connection from now on; returns what stops it when the connection closes. */
    join(ws: WebSocket): () => void {
      alive.add(ws);
      const slice = slices[joined++ % slices.length]!;
      slice.add(ws);
      ws.on('pong', () => alive.add(ws));
      return () => slice.delete(ws);
    },
    stop: () => clearInterval(timer),
  };
}

interface Viewer {
  viewerId: string | null;
  scopes: string[];
  /** which version of a post in several languages it gets: `lang`, the user's languages, Accept-Language */
  languages: string[];
  /** the languages the user reads, which public and hashtag streams keep to */
  chosen: readonly string[] | null;
}

/** Who connects: nobody without a token; a token that does not resolve throws, to be refused before upgrading. */
async function viewerOf(auth: Auth, req: IncomingMessage, url: URL): Promise<Viewer> {
  const token = tokenOf(req, url);
  const request = { lang: url.searchParams.get('lang') ?? undefined, acceptLanguage: req.headers['accept-language'] };
  if (!token) return { viewerId: null, scopes: [], languages: languagesOf(request, null), chosen: null };
  const bearer = await auth.resolve(token);
  const signed = auth.signed(bearer);
  return { viewerId: signed.account.id, scopes: bearer.token.scopes, languages: languagesOf(request, bearer.user), chosen: bearer.user?.chosenLanguages ?? null };
}

/** The hub's client for one socket: frames written straight to it, a slow reader cut off. */
function socketClient(ws: WebSocket, socket: Duplex, viewer: Viewer, relations: StreamClient['relations']): StreamClient {
  return {
    viewerId: viewer.viewerId,
    languages: viewer.languages,
    chosen: viewer.chosen,
    relations,
    send(stream, event, payload, shared) {
      if (ws.readyState !== ws.OPEN) return false;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.terminate();
        return false;
      }
      // Thousands of followers get the same frame: encode it once per delivery.
      const key = `ws:${stream.join('\u0000')}:${event}`;
      let frame = shared.get(key) as Buffer | undefined;
      if (!frame) {
        // filters_changed carries no payload (Mastodon sends none).
        frame = textFrame(`{"stream":${JSON.stringify(stream)},"event":${JSON.stringify(event)}${event === 'filters_changed' ? '' : `,"payload":${JSON.stringify(payload)}`}}`);
        shared.set(key, frame);
      }
      socket.write(frame);
      return true;
    },
  };
}

/** One open connection, as its messages need it. */
interface Connection {
  ws: WebSocket;
  client: StreamClient;
  /** what the client's token allows */
  scopes: string[];
  hub: Hub;
  auth: Auth;
}

/** Tells the client, while the connection is open, what it cannot have. */
function fail(ws: WebSocket, status: number, message: string) {
  return ws.readyState === ws.OPEN && ws.send(JSON.stringify({ error: message, status }));
}

async function subscribe(connection: Connection, req: StreamRequest): Promise<void> {
  const { ws, client, scopes, hub, auth } = connection;
  try {
    if (client.viewerId && !auth.checkScopesOf(scopes, streamScope(req.stream))) throw new StreamError(403, 'This action is outside the authorized scopes');
    await hub.subscribe(client, resolveStream(req, client.viewerId));
  } catch (error) {
    if (error instanceof StreamError) fail(ws, error.status, error.message);
    else throw error;
  }
}

/** A message from the client: a stream to subscribe to or unsubscribe from. */
function onMessage(connection: Connection, data: RawData): void {
  const { ws, client, hub } = connection;
  let parsed: unknown;
  try {
    parsed = parseJson(String(data));
  } catch {
    return void fail(ws, 400, 'Could not parse the message as JSON');
  }
  // JSON that is no object (null, a number) asks for nothing: an unknown message, not a crash.
  const msg: { type?: unknown; stream?: unknown; tag?: unknown; list?: unknown; event?: unknown } = typeof parsed === 'object' && parsed !== null ? parsed : {};
  // A list id may come as a JSON number (one too large for a number arrives as its digits).
  const list = typeof msg.list === 'string' ? msg.list : Number.isSafeInteger(msg.list) ? String(msg.list) : undefined;
  const event = typeof msg.event === 'string' ? msg.event : Number.isSafeInteger(msg.event) ? String(msg.event) : undefined;
  const request = { stream: String(msg.stream ?? ''), tag: typeof msg.tag === 'string' ? msg.tag : undefined, list, event };
  if (msg.type === 'subscribe') void subscribe(connection, request);
  else if (msg.type === 'unsubscribe') {
    try {
      void hub.unsubscribe(client, resolveStream(request, client.viewerId).name);
    } catch (error) {
      if (error instanceof StreamError) fail(ws, error.status, error.message);
    }
  } else fail(ws, 400, 'Unknown message type');
}
