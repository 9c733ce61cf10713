// The streaming hub: open connections, the bus channels they listen on (subscribed only while
// someone listens), and delivery of rendered events with per-viewer filters.
import type { Core } from '../../core/index.ts';
import { plainText, type FilterMatch } from '../../core/filters/service.ts';
import { channel, type LiveMessage } from '../../core/live.ts';
import type { FilterContext } from '../../store/schema/index.ts';
import { serializeFilterResults } from '../mastodon/entities/filter.ts';
import type { Bus } from '../../infra/bus.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { createRenderer } from './render.ts';
import type { StreamSpec } from './streams.ts';

export interface StreamClient {
  readonly viewerId: string | null;
  /** authors this viewer blocks, is blocked by, or mutes (loaded when the connection opens) */
  hidden: Set<string>;
  /**
   * false when the client was too slow and has been dropped. `shared` lives for one delivery: a
   * transport may keep its encoded frame there, so one event is encoded once for all its clients.
   */
  send(stream: string[], event: string, payload: string, shared: Map<string, unknown>): boolean;
}

interface Subscription {
  client: StreamClient;
  spec: StreamSpec;
}

/** How many recent messages keep their encoded frames. */
const SHARED_MESSAGES = 32;

export function createHub(deps: { core: Core; bus: Bus; urls: UrlContext }) {
  const { core, bus, urls } = deps;
  const render = createRenderer(core, urls);
  // Each viewer's filters, per context, loaded on first need and forgotten when they change.
  type Matcher = ((statusId: string, text: string) => FilterMatch[]) | null;
  const matchers = new WeakMap<StreamClient, Map<FilterContext, Promise<Matcher>>>();
  const matcherOf = (client: StreamClient, context: FilterContext): Promise<Matcher> => {
    let byContext = matchers.get(client);
    if (!byContext) matchers.set(client, (byContext = new Map()));
    let m = byContext.get(context);
    if (!m) byContext.set(context, (m = core.filters.matcherFor(client.viewerId!, context).catch(() => null)));
    return m;
  };

  /**
   * The viewer's filters on a status event, as in the REST timelines: null when a "hide" filter
   * matches, the payload with `filtered` added for "warn", the shared payload when none applies.
   */
  async function filtered(client: StreamClient, stream: string, payload: string): Promise<string | null> {
    if (!client.viewerId) return payload;
    const matcher = await matcherOf(client, stream === 'user' ? 'home' : 'public');
    if (!matcher) return payload;
    const status = JSON.parse(payload) as { id: string; content: string; spoiler_text: string; account: { id: string }; reblog: null | { id: string; content: string; spoiler_text: string; account: { id: string } }; filtered?: unknown };
    const target = status.reblog ?? status;
    if (target.account.id === client.viewerId) return payload;
    const found = matcher(target.id, `${target.spoiler_text}\n${plainText(target.content)}`);
    if (found.some((f) => f.filter.action === 'hide')) return null;
    return found.length > 0 ? JSON.stringify({ ...status, filtered: serializeFilterResults(found) }) : payload;
  }
  /** channel → subscriptions on this process */
  const listeners = new Map<string, Set<Subscription>>();
  const unsubscribers = new Map<string, Promise<() => Promise<void>>>();
  const byClient = new Map<StreamClient, Set<Subscription>>();
  // Deliveries on one channel stay in order (an update must not overtake its own delete).
  const queues = new Map<string, Promise<void>>();
  const enqueue = (ch: string, raw: string) => {
    const next = (queues.get(ch) ?? Promise.resolve()).then(() => deliver(ch, raw)).catch((error: unknown) => console.error('[streaming] delivery failed:', error));
    queues.set(ch, next);
    void next.then(() => {
      if (queues.get(ch) === next) queues.delete(ch);
    });
  };

  // One message reaches thousands of channels (a post to each follower's `user` channel): their
  // deliveries share one map, so the frame is encoded once, not once per follower.
  const recentShared = new Map<string, Map<string, unknown>>();
  const sharedFor = (raw: string): Map<string, unknown> => {
    let shared = recentShared.get(raw);
    if (!shared) {
      recentShared.set(raw, (shared = new Map()));
      if (recentShared.size > SHARED_MESSAGES) recentShared.delete(recentShared.keys().next().value!);
    }
    return shared;
  };

  async function deliver(channelName: string, raw: string): Promise<void> {
    const subs = listeners.get(channelName);
    if (!subs || subs.size === 0) return;
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      return;
    }
    // Notifications and conversations are rendered for each viewer: never shared.
    const shared = message.event === 'update' || message.event === 'status.update' || message.event === 'delete' ? sharedFor(raw) : new Map<string, unknown>();
    for (const sub of [...subs]) {
      const { client, spec } = sub;
      if (!spec.events.has(message.event)) continue;
      if (spec.onlyMedia && message.event !== 'delete') continue;
      if (message.authors?.some((a) => client.hidden.has(a))) continue;
      if (message.event === 'filters_changed') matchers.delete(client);
      let payload = await render(message, client.viewerId);
      if (payload !== null && (message.event === 'update' || message.event === 'status.update')) {
        const own = await filtered(client, spec.name[0]!, payload);
        // A payload changed for this viewer must not be shared with the others.
        if (own !== payload) {
          if (own !== null) client.send(spec.name, message.event, own, new Map());
          continue;
        }
        payload = own;
      }
      if (payload === null) continue;
      client.send(spec.name, message.event, payload, shared);
    }
  }

  return {
    /** Loads what this viewer hides, so public streams can leave it out. */
    async hiddenFor(viewerId: string | null): Promise<Set<string>> {
      return viewerId ? core.relations.hiddenAccounts(viewerId) : new Set();
    },

    async subscribe(client: StreamClient, given: StreamSpec): Promise<void> {
      // A home stream also listens to the followed accounts whose posts are pulled, not pushed.
      const spec =
        given.name[0] === 'user' && client.viewerId
          ? { ...given, channels: [...given.channels, ...(await core.timelines.pulledAuthors(client.viewerId)).map(channel.author)] }
          : given;
      const mine = byClient.get(client) ?? new Set();
      byClient.set(client, mine);
      if ([...mine].some((s) => s.spec.name.join('\u0000') === spec.name.join('\u0000'))) return;
      const sub = { client, spec };
      mine.add(sub);
      // The viewer's filters are read now, not on the first event (which would read them for every listener at once).
      if (client.viewerId && spec.events.has('update')) await matcherOf(client, spec.name[0] === 'user' ? 'home' : 'public');
      for (const ch of spec.channels) {
        let set = listeners.get(ch);
        if (!set) {
          listeners.set(ch, (set = new Set()));
          unsubscribers.set(ch, bus.subscribe(ch, (raw) => enqueue(ch, raw)));
        }
        set.add(sub);
      }
      await Promise.all(spec.channels.map((ch) => unsubscribers.get(ch)));
    },

    async unsubscribe(client: StreamClient, name: string[]): Promise<void> {
      const mine = byClient.get(client);
      if (!mine) return;
      for (const sub of [...mine]) {
        if (sub.spec.name.join('\u0000') !== name.join('\u0000')) continue;
        mine.delete(sub);
        await drop(sub);
      }
    },

    async remove(client: StreamClient): Promise<void> {
      const mine = byClient.get(client);
      byClient.delete(client);
      for (const sub of mine ?? []) await drop(sub);
    },

    stats() {
      return { connections: byClient.size, channels: listeners.size };
    },

    async close(): Promise<void> {
      for (const client of [...byClient.keys()]) await this.remove(client);
    },
  };

  async function drop(sub: Subscription): Promise<void> {
    for (const ch of sub.spec.channels) {
      const set = listeners.get(ch);
      if (!set) continue;
      set.delete(sub);
      if (set.size === 0) {
        listeners.delete(ch);
        const unsubscribe = unsubscribers.get(ch);
        unsubscribers.delete(ch);
        await (await unsubscribe)?.();
      }
    }
  }
}

export type Hub = ReturnType<typeof createHub>;
