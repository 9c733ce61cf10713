// One WebSocket to /api/v1/streaming for the whole app, multiplexed with Mastodon's subscribe
// messages; it reconnects with a growing delay and re-subscribes whatever is still wanted.
import { storedToken } from '../auth/storage.ts';

export type StreamName = 'user' | 'public' | 'public:local' | 'hashtag' | 'hashtag:local' | 'list' | 'event';
export interface StreamEvent {
  /** Mastodon's events, and 'reconnect' when the socket came back after a drop (events may have been missed) */
  event: string;
  /** parsed JSON for update, status.update and notification; the id for delete */
  payload: unknown;
}
type Listener = (event: StreamEvent) => void;

interface Subscription {
  stream: StreamName;
  /** the hashtag, or the list's or live event's id */
  param?: string | undefined;
  listeners: Set<Listener>;
}

/** How a stream's parameter travels in subscribe messages, as Mastodon names it. */
const named = (stream: StreamName, param: string | undefined) => (!param ? {} : stream === 'list' ? { list: param } : stream === 'event' ? { event: param } : { tag: param });

const JSON_EVENTS = new Set([
  'update',
  'status.update',
  'notification',
  'conversation',
  'announcement',
  'announcement.reaction',
  'event.question',
  'event.question.delete',
  'event.votes',
  'event.update',
  'event.changed',
  'event.hands',
]);

class Streaming {
  private socket: WebSocket | null = null;
  private subscriptions = new Map<string, Subscription>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private token: string | null = null;
  private wasOpen = false;

  subscribe(stream: StreamName, listener: Listener, param?: string): () => void {
    const key = param ? `${stream}#${param.toLowerCase()}` : stream;
    let sub = this.subscriptions.get(key);
    if (!sub) {
      sub = { stream, param, listeners: new Set() };
      this.subscriptions.set(key, sub);
      this.send({ type: 'subscribe', stream, ...named(stream, param) });
    }
    sub.listeners.add(listener);
    this.connect();
    return () => {
      const current = this.subscriptions.get(key);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        this.subscriptions.delete(key);
        this.send({ type: 'unsubscribe', stream, ...named(stream, param) });
      }
    };
  }

  /** Drops the connection (on sign-out, or when the token changed). */
  reset(): void {
    clearTimeout(this.timer);
    this.wasOpen = false;
    const s = this.socket;
    this.socket = null;
    s?.close();
    this.connect();
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.socket || this.subscriptions.size === 0) return;
    this.token = storedToken();
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/streaming`;
    // The token travels as the sub-protocol, as Mastodon's web app does: it stays out of URLs and logs.
    const socket = this.token ? new WebSocket(url, this.token) : new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      for (const sub of this.subscriptions.values()) this.send({ type: 'subscribe', stream: sub.stream, ...named(sub.stream, sub.param) });
      if (this.wasOpen) for (const sub of this.subscriptions.values()) for (const listener of sub.listeners) listener({ event: 'reconnect', payload: null });
      this.wasOpen = true;
    };
    socket.onmessage = (message) => this.dispatch(String(message.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      const delay = Math.min(30_000, 1000 * 2 ** this.retry++);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private dispatch(raw: string): void {
    let message: { stream?: string[]; event?: string; payload?: string };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (!message.event || !Array.isArray(message.stream)) return;
    const [name, param] = message.stream;
    const key = param ? `${name}#${param.toLowerCase()}` : String(name);
    const sub = this.subscriptions.get(key);
    if (!sub) return;
    let payload: unknown = message.payload;
    if (JSON_EVENTS.has(message.event) && typeof payload === 'string') {
      try {
        payload = JSON.parse(payload);
      } catch {
        return;
      }
    }
    for (const listener of sub.listeners) listener({ event: message.event, payload });
  }
}

export const streaming = new Streaming();
