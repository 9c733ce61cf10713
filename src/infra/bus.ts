// The live event bus: in-process for one server, Redis pub/sub when several processes share the work.
// Channels are subscribed only while someone listens on them (as Mastodon's streaming server does).
import type { Redis } from 'ioredis';

export type BusHandler = (message: string) => void;

export interface Bus {
  publish(channel: string, message: string): Promise<void>;
  /** Publishes many messages at once, each to its channel (a batch of statuses to their streams). */
  publishMany(messages: readonly (readonly [channel: string, message: string])[]): Promise<void>;
  /** Returns a function that unsubscribes this handler. */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Local handlers per channel; both implementations use it to dispatch. */
class Handlers {
  readonly byChannel = new Map<string, Set<BusHandler>>();

  add(channel: string, handler: BusHandler): boolean {
    let set = this.byChannel.get(channel);
    const first = !set;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(handler);
    return first;
  }

  remove(channel: string, handler: BusHandler): boolean {
    const set = this.byChannel.get(channel);
    if (!set) return false;
    set.delete(handler);
    if (set.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  dispatch(channel: string, message: string): void {
    const set = this.byChannel.get(channel);
    if (!set) return;
    for (const handler of set) {
      try {
        handler(message);
      } catch (error) {
        console.error(`[bus] handler for ${channel} failed:`, error);
      }
    }
  }
}

export function createLocalBus(): Bus {
  const handlers = new Handlers();
  return {
    async publish(channel, message) {
      handlers.dispatch(channel, message);
    },
    async publishMany(messages) {
      for (const [channel, message] of messages) handlers.dispatch(channel, message);
    },
    async subscribe(channel, handler) {
      handlers.add(channel, handler);
      return async () => {
        handlers.remove(channel, handler);
      };
    },
    async close() {
      handlers.byChannel.clear();
    },
  };
}

/**
 * Redis pub/sub: `publisher` is the shared command connection; a dedicated connection subscribes
 * (a subscribed Redis connection can do nothing else). Channel names get the configured prefix.
 */
export async function createRedisBus(publisher: Redis, prefix: string): Promise<Bus> {
  const subscriber = publisher.duplicate();
  subscriber.on('error', () => {});
  const handlers = new Handlers();
  const full = (channel: string) => `${prefix}bus:${channel}`;
  subscriber.on('message', (channel: string, message: string) => handlers.dispatch(channel.slice(full('').length), message));
  return {
    async publish(channel, message) {
      await publisher.publish(full(channel), message);
    },
    async publishMany(messages) {
      if (messages.length === 0) return;
      const pipeline = publisher.pipeline();
      for (const [channel, message] of messages) pipeline.publish(full(channel), message);
      await pipeline.exec();
    },
    async subscribe(channel, handler) {
      if (handlers.add(channel, handler)) await subscriber.subscribe(full(channel));
      return async () => {
        if (handlers.remove(channel, handler)) await subscriber.unsubscribe(full(channel)).catch(() => {});
      };
    },
    async close() {
      handlers.byChannel.clear();
      subscriber.disconnect();
    },
  };
}
