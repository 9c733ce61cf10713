// The streaming hub: open connections, the bus channels they listen on (subscribed only while
// someone listens), and delivery of rendered events with per-viewer filters.
import type { Core } from '../../core/index.ts';
import { channel, isAuthorChannel, type LiveMessage } from '../../core/live.ts';
import { hidesAny, showsInHome, showsInList, type ListScope } from '../../core/timelines/home-rule.ts';
import type { FilterContext } from '../../core/filters/match.ts';
import type { Bus } from '../../infra/bus.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { createRenderer } from './render.ts';
import { createViewerFilters, type Matcher } from './viewer-filters.ts';
import type { StreamSpec } from './streams.ts';
import { createViewerSources, type Sources, type ViewerRelations } from './viewer-sources.ts';

export interface StreamClient {
  readonly viewerId: string | null;
  relations: ViewerRelations;
  /**
   * false when the client was too slow and has been dropped. `shared` lives for one delivery: a
   * transport may keep its encoded frame there, so one event is encoded once for all its clients.
   */
  send(stream: string[], event: string, payload: string, shared: Map<string, unknown>): boolean;
}

interface Subscription {
  client: StreamClient;
  spec: StreamSpec;
  /**
   * Accounts whose author channels a home or list stream listens to, besides `spec.channels`
   * (ids only: the channel names are made when listening, not kept per connection).
   */
  authors: readonly string[];
  /** for a list stream: its members and replies policy */
  list?: ListScope | undefined;
}

/** The longest a timer may wait (setTimeout's limit); a later change is awaited in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How many recent messages keep their encoded frames. */
const SHARED_MESSAGES = 32;

export function createHub(deps: { core: Core; bus: Bus; urls: UrlContext }) {
  const { core, bus, urls } = deps;
  const render = createRenderer(core, urls);
  const { matcherOf, loaded: loadedMatcher, forget: forgetMatchers, apply: applyFilters } = createViewerFilters(core);
  const { relationsOf, listOf, sourcesOf } = createViewerSources(core);

  /** channel → subscriptions on this process */
  const listeners = new Map<string, Set<Subscription>>();
  const unsubscribers = new Map<string, Promise<() => Promise<void>>>();
  const byClient = new Map<StreamClient, Set<Subscription>>();

  // One message reaches thousands of streams (every follower on its author's channel, the public
  // streams): their deliveries share one map, so the frame is encoded once, not once per stream.
  const recentShared = new Map<string, Map<string, unknown>>();
  const sharedFor = (raw: string): Map<string, unknown> => {
    let shared = recentShared.get(raw);
    if (!shared) {
      recentShared.set(raw, (shared = new Map()));
      if (recentShared.size > SHARED_MESSAGES) recentShared.delete(recentShared.keys().next().value!);
    }
    return shared;
  };

  /** Per connection with a timed mute: the timer that reloads its relations when the mute ends. */
  const expiries = new Map<StreamClient, NodeJS.Timeout>();

  // Deliveries on one channel stay in order (an update must not overtake its own delete). A
  // message arriving on idle channels is delivered to all of them as one batch: one parse, one
  // render, one loop, instead of a chain of promises per channel.
  const queues = new Map<string, Promise<void>>();
  const openBatches = new Map<string, { channels: string[]; done: Promise<void> }>();
  const failed = (error: unknown) => console.error('[streaming] delivery failed:', error);
  const enqueue = (ch: string, raw: string) => {
    const pending = queues.get(ch);
    if (pending) {
      const next = pending.then(() => deliver([ch], raw)).catch(failed);
      queues.set(ch, next);
      void next.then(() => {
        if (queues.get(ch) === next) queues.delete(ch);
      });
      return;
    }
    let batch = openBatches.get(raw);
    if (!batch) {
      const channels: string[] = [];
      // Runs once the publishing loop is over, with every channel that joined meanwhile.
      const done: Promise<void> = Promise.resolve()
        .then(() => {
          openBatches.delete(raw);
          return deliver(channels, raw);
        })
        .catch(failed)
        .then(() => {
          for (const c of channels) if (queues.get(c) === done) queues.delete(c);
        });
      openBatches.set(raw, (batch = { channels, done }));
    }
    batch.channels.push(ch);
    queues.set(ch, batch.done);
  };

  async function deliver(channels: string[], raw: string): Promise<void> {
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      return;
    }
    // Status events look the same to every viewer: rendered once. Notifications and conversations
    // are rendered for each viewer, and never shared.
    const common = message.event === 'update' || message.event === 'status.update' || message.event === 'delete';
    const shared = common ? sharedFor(raw) : null;
    const payload = common ? await render(message, null) : null;
    for (const ch of channels) {
      const subs = listeners.get(ch);
      if (!subs) continue;
      const routed = isAuthorChannel(ch);
      for (const sub of [...subs]) {
        try {
          const pending = deliverTo(sub, message, common ? { payload, shared: shared! } : null, routed);
          if (pending) await pending;
        } catch (error) {
          failed(error);
        }
      }
    }
  }

  /**
   * Sends one message to one subscription; a promise only when something had to be loaded. A
   * status heard on its author's channel (`routed`) passes the home or list rules first.
   */
  function deliverTo(sub: Subscription, message: LiveMessage, common: { payload: string | null; shared: Map<string, unknown> } | null, routed: boolean): Promise<void> | void {
    const { client, spec } = sub;
    if (!spec.events.has(message.event)) return;
    if (spec.onlyMedia && message.event !== 'delete') return;
    if (hidesAny(client.relations.hidden, message.authors)) return;
    if (routed && message.event !== 'delete' && !routeAllows(sub, message)) return;
    if (message.event === 'filters_changed') forgetMatchers(client);
    if (message.event === 'relations_changed') return refresh(client);
    if (!common) {
      return render(message, client.viewerId).then((own) => {
        if (own !== null) client.send(spec.name, message.event, own, new Map());
      });
    }
    const { payload, shared } = common;
    if (payload === null) return;
    if (client.viewerId && (message.event === 'update' || message.event === 'status.update')) {
      // Lists are filtered as home is, as in Mastodon.
      const context: FilterContext = spec.name[0] === 'user' || spec.name[0] === 'list' ? 'home' : 'public';
      const viewerId = client.viewerId;
      const send = (matcher: Matcher) => {
        const own = applyFilters(matcher, viewerId, payload);
        // A payload changed for this viewer must not be shared with the others.
        if (own === payload) client.send(spec.name, message.event, payload, shared);
        else if (own !== null) client.send(spec.name, message.event, own, new Map());
      };
      const loaded = loadedMatcher(client, context);
      if (loaded !== undefined) return send(loaded);
      return matcherOf(client, context).then(send);
    }
    client.send(spec.name, message.event, payload, shared);
  }

  return {
    relationsOf,

    /** Refuses, before anything is sent, a stream the viewer cannot have (another's list). */
    async check(viewerId: string | null, given: StreamSpec): Promise<void> {
      if (viewerId && given.name[0] === 'list') await listOf(viewerId, given);
    },

    async subscribe(client: StreamClient, spec: StreamSpec): Promise<void> {
      const { authors, list } = await sourcesOf(client.viewerId, client.relations, spec);
      const mine = byClient.get(client) ?? new Set();
      byClient.set(client, mine);
      if ([...mine].some((s) => s.spec.name.join('\u0000') === spec.name.join('\u0000'))) return;
      // A signed-in client also hears, internally, when its relations change (see refresh).
      if (client.viewerId && mine.size === 0) {
        const internal: StreamSpec = { name: ['relations'], channels: [channel.relations(client.viewerId)], events: new Set(['relations_changed']), needsUser: true, onlyMedia: false };
        const relationsSub: Subscription = { client, spec: internal, authors: [] };
        mine.add(relationsSub);
        refreshWhenChanged(client);
        await listen(relationsSub, internal.channels);
      }
      const sub: Subscription = { client, spec, authors, list };
      mine.add(sub);
      // The viewer's filters are read now, not on the first event (which would read them for every listener at once).
      if (client.viewerId && spec.events.has('update')) await matcherOf(client, spec.name[0] === 'user' || spec.name[0] === 'list' ? 'home' : 'public');
      await listen(sub, [...spec.channels, ...authors.map(channel.author)]);
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
      refreshWhenChanged(client);
      for (const sub of mine ?? []) await drop(sub);
    },

    stats() {
      return { connections: byClient.size, channels: listeners.size };
    },

    async close(): Promise<void> {
      for (const client of [...byClient.keys()]) await this.remove(client);
    },
  };

  /** A timed mute that ends while the connection is open ends on its streams too. */
  function refreshWhenChanged(client: StreamClient): void {
    clearTimeout(expiries.get(client));
    expiries.delete(client);
    const at = client.relations.changesAt;
    if (!at || !byClient.has(client)) return;
    const timer = setTimeout(
      () => {
        expiries.delete(client);
        void refresh(client).catch(failed);
      },
      Math.min(Math.max(at.getTime() - Date.now(), 0) + 50, MAX_TIMER_MS),
    );
    timer.unref();
    expiries.set(client, timer);
  }

  function routeAllows(sub: Subscription, message: LiveMessage): boolean {
    const { viewerId, relations } = sub.client;
    // Author channels carry every kind of post; without its route a status is not shown.
    if (!viewerId || !message.route) return false;
    if (sub.list) return showsInList(viewerId, relations.follows, sub.list, message.route);
    return showsInHome(viewerId, relations.follows, message.route);
  }

  /**
   * The viewer followed, unfollowed, blocked, muted, was blocked, or changed a list: their
   * relations are loaded again, and home and list streams listen to the accounts they now follow,
   * and no longer to the others (an unfollowed account's private posts must stop at once).
   */
  async function refresh(client: StreamClient): Promise<void> {
    if (!client.viewerId) return;
    client.relations = await relationsOf(client.viewerId);
    refreshWhenChanged(client);
    for (const sub of byClient.get(client) ?? []) {
      if (sub.spec.name[0] !== 'user' && sub.spec.name[0] !== 'list') continue;
      // A deleted list streams nothing more.
      const next = await sourcesOf(client.viewerId, client.relations, sub.spec).catch((): Sources => ({ authors: [] }));
      const before = new Set(sub.authors);
      const after = new Set(next.authors);
      const gone = sub.authors.filter((id) => !after.has(id));
      const added = next.authors.filter((id) => !before.has(id));
      sub.authors = next.authors;
      sub.list = next.list;
      await unlisten(sub, gone.map(channel.author));
      await listen(sub, added.map(channel.author));
    }
  }

  async function listen(sub: Subscription, channels: string[]): Promise<void> {
    for (const ch of channels) {
      let set = listeners.get(ch);
      if (!set) {
        listeners.set(ch, (set = new Set()));
        unsubscribers.set(
          ch,
          bus.subscribe(ch, (raw) => enqueue(ch, raw)),
        );
      }
      set.add(sub);
    }
    await Promise.all(channels.map((ch) => unsubscribers.get(ch)));
  }

  async function drop(sub: Subscription): Promise<void> {
    await unlisten(sub, [...sub.spec.channels, ...sub.authors.map(channel.author)]);
  }

  async function unlisten(sub: Subscription, channels: string[]): Promise<void> {
    for (const ch of channels) {
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
