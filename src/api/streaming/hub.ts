// The streaming hub: the open connections and what each subscribed to. The bus channels they
// listen on are in channels.ts, the delivery of a message in delivery.ts (in order per channel:
// delivery-queue.ts), and the viewer's relations kept current in relations-refresh.ts.
import type { Core } from '../../core/index.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isStaff } from '../../core/events/service.ts';
import { channel } from '../../core/live.ts';
import type { ListScope } from '../../core/timelines/home-rule.ts';
import type { Bus } from '../../infra/bus.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { createChannels, sourceChannels } from './channels.ts';
import { createDelivery } from './delivery.ts';
import { createDeliveryQueue } from './delivery-queue.ts';
import { createRelationsRefresh } from './relations-refresh.ts';
import { createRenderer } from './render.ts';
import { createViewerFilters } from './viewer-filters.ts';
import { createVotesThrottle } from './votes-throttle.ts';
import { StreamError, type StreamSpec } from './streams.ts';
import { createViewerSources, type ViewerRelations } from './viewer-sources.ts';

export interface StreamClient {
  readonly viewerId: string | null;
  /** the reader's languages, decided when the connection opened as REST decides them (api/reader-languages) */
  readonly languages: readonly string[];
  /** the languages the signed-in user chose to read (Mastodon's chosen_languages): public and hashtag streams keep to them; null: every one */
  readonly chosen: readonly string[] | null;
  relations: ViewerRelations;
  /**
   * false when the client was too slow and has been dropped. `shared` lives for one delivery: a
   * transport may keep its encoded frame there, so one event is encoded once for all its clients.
   */
  send(stream: string[], event: string, payload: string, shared: Map<string, unknown>): boolean;
}

export interface Subscription {
  client: StreamClient;
  spec: StreamSpec;
  /**
   * Accounts whose author channels a home or list stream listens to, besides `spec.channels`
   * (ids only: the channel names are made when listening, not kept per connection).
   */
  authors: readonly string[];
  /** hashtags whose channels a home stream listens to, besides (see home-rule, "Followed hashtags") */
  tags: readonly string[];
  /** for a list stream: its members and replies policy */
  list?: ListScope | undefined;
}

/** The internal stream by which a signed-in client hears that its relations changed. */
function relationsSpec(viewerId: string): StreamSpec {
  return { name: ['relations'], channels: [channel.relations(viewerId)], events: new Set(['relations_changed']), needsUser: true, onlyMedia: false };
}

/** An event's hosts and moderators listen on its staff's channel, which carries everything the audience's does and more. */
async function eventStaffSpec(core: Core, viewerId: string | null, spec: StreamSpec): Promise<StreamSpec> {
  if (spec.name[0] !== 'event') return spec;
  if (!viewerId) {
    await core.events.roleOf(spec.name[1]!, null).catch(() => {
      throw new StreamError(404, 'Record not found');
    });
    return spec;
  }
  const eventId = spec.name[1]!;
  const role = await core.events.roleOf(eventId, viewerId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new StreamError(404, 'Record not found') : error;
  });
  return isStaff(role) ? { ...spec, channels: [channel.eventStaff(eventId)] } : spec;
}

const sameName = (a: string[], b: string[]) => a.join('\u0000') === b.join('\u0000');

export function createHub(deps: { core: Core; bus: Bus; urls: UrlContext }) {
  const { core, bus, urls } = deps;
  const filters = createViewerFilters(core);
  const sources = createViewerSources(core);
  const { relationsOf, listOf, sourcesOf } = sources;
  /** channel → subscriptions on this process */
  const listeners = new Map<string, Set<Subscription>>();
  const byClient = new Map<StreamClient, Set<Subscription>>();
  // Channels hand messages to the queue (vote counts through their throttle, see votes-throttle),
  // the queue to delivery; a relations_changed message refreshes its viewer through `relations`,
  // made last since it listens on the channels.
  const deliver = createDelivery({ listeners, render: createRenderer(core, urls), filters, refresh: (client) => relations.refresh(client) });
  const throttled = createVotesThrottle(createDeliveryQueue(deliver), (ch) => listeners.get(ch)?.size ?? 0);
  const channels = createChannels(bus, listeners, throttled);
  const relations = createRelationsRefresh({ byClient, sources, channels });

  return {
    relationsOf,

    /** Refuses, before anything is sent, a stream the viewer cannot have (another's list). */
    async check(viewerId: string | null, given: StreamSpec): Promise<void> {
      if (viewerId && given.name[0] === 'list') await listOf(viewerId, given);
      if (given.name[0] === 'event') await core.events.roleOf(given.name[1]!, viewerId);
    },

    async subscribe(client: StreamClient, given: StreamSpec): Promise<void> {
      const spec = await eventStaffSpec(core, client.viewerId, given);
      const { authors, tags, list } = await sourcesOf(client.viewerId, client.relations, spec);
      const mine = byClient.get(client) ?? new Set();
      byClient.set(client, mine);
      if ([...mine].some((s) => sameName(s.spec.name, spec.name))) return;
      // A signed-in client also hears, internally, when its relations change (see relations-refresh).
      if (client.viewerId && mine.size === 0) {
        const internal = relationsSpec(client.viewerId);
        const relationsSub: Subscription = { client, spec: internal, authors: [], tags: [] };
        mine.add(relationsSub);
        relations.refreshWhenChanged(client);
        await channels.listen(relationsSub, internal.channels);
      }
      const sub: Subscription = { client, spec, authors, tags, list };
      mine.add(sub);
      // The viewer's filters are read now, not on the first event (which would read them for every listener at once).
      if (client.viewerId && spec.events.has('update')) await filters.matcherOf(client, spec.name[0] === 'user' || spec.name[0] === 'list' ? 'home' : 'public');
      await channels.listen(sub, [...spec.channels, ...sourceChannels(sub)]);
    },

    async unsubscribe(client: StreamClient, name: string[]): Promise<void> {
      const mine = byClient.get(client);
      if (!mine) return;
      for (const sub of [...mine]) {
        if (!sameName(sub.spec.name, name)) continue;
        mine.delete(sub);
        await channels.drop(sub);
      }
    },

    async remove(client: StreamClient): Promise<void> {
      const mine = byClient.get(client);
      byClient.delete(client);
      relations.refreshWhenChanged(client);
      for (const sub of mine ?? []) await channels.drop(sub);
    },

    stats() {
      return { connections: byClient.size, channels: listeners.size };
    },

    async close(): Promise<void> {
      for (const client of [...byClient.keys()]) await this.remove(client);
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
