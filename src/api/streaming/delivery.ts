// One bus message to the subscriptions listening on its channels: rendered once when it is the same
// for everyone (once per version chosen, for a post in several languages); each viewer's filters,
// and on author channels the home and list rules, decide who gets it.
import { hashtagOfChannel, isAuthorChannel, type LiveMessage } from '../../core/live.ts';
import type { FilterContext } from '../../core/filters/match.ts';
import { hidesAny, hidesDomain, showsByFollowedTag, showsInHome, showsInList, type Follows } from '../../core/timelines/home-rule.ts';
import { deliveryFailed } from './delivery-queue.ts';
import type { StreamClient, Subscription } from './hub.ts';
import type { Renderer, SharedPayload } from './render.ts';
import type { createViewerFilters, Matcher } from './viewer-filters.ts';

/** Events rendered once for every viewer (an announcement is sent unread, as it is when it starts). */
const COMMON_EVENTS: ReadonlySet<LiveMessage['event']> = new Set([
  'update',
  'status.update',
  'delete',
  'announcement',
  'announcement.reaction',
  'announcement.delete',
  'event.question',
  'event.question.delete',
  'event.votes',
  'event.update',
  'event.changed',
  'event.hands',
]);

/** How many recent messages keep their encoded frames. */
const SHARED_MESSAGES = 32;

/** What a status event sent alike to every viewer carries: its payload(s), and the map its frames are kept in. */
type Payload = { payload: string; shared: Map<string, unknown> };
type Common = Payload & { versions: SharedPayload['versions']; languages: readonly string[]; raw: string };

export function createDelivery(deps: {
  listeners: ReadonlyMap<string, Set<Subscription>>;
  render: Renderer;
  filters: ReturnType<typeof createViewerFilters>;
  /** loads a viewer's relations again (they changed) */
  refresh: (client: StreamClient) => Promise<void>;
}): (channels: string[], raw: string) => Promise<void> {
  const { listeners, render, refresh } = deps;
  const { matcherOf, loaded: loadedMatcher, forget: forgetMatchers, apply: applyFilters } = deps.filters;
  const sharedFor = sharedFrames();

  async function deliver(channels: string[], raw: string): Promise<void> {
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      return;
    }
    // Status and announcement events look the same to every viewer: rendered once. Notifications
    // and conversations are rendered for each viewer, and never shared.
    const common = COMMON_EVENTS.has(message.event);
    const shared = common ? sharedFor(raw) : null;
    const rendered = common ? await render.shared(message) : null;
    // A status gone (or never seen) before it was rendered: nobody gets it.
    if (common && !rendered) return;
    const sent: Common | null = rendered ? { payload: rendered.payload, shared: shared!, versions: rendered.versions, languages: rendered.languages, raw } : null;
    for (const ch of channels) {
      const subs = listeners.get(ch);
      if (!subs) continue;
      const source: Source = isAuthorChannel(ch) ? AUTHOR : hashtagOfChannel(ch);
      for (const sub of [...subs]) {
        try {
          const pending = deliverTo(sub, message, sent, source);
          if (pending) await pending;
        } catch (error) {
          deliveryFailed(error);
        }
      }
    }
  }

  /**
   * Sends one message to one subscription; a promise only when something had to be loaded. A
   * status heard on its author's channel, or a home stream's followed hashtag's, passes the home
   * or list rules first (see routeAllows).
   */
  function deliverTo(sub: Subscription, message: LiveMessage, common: Common | null, source: Source): Promise<void> | void {
    const { client, spec } = sub;
    if (!spec.events.has(message.event)) return;
    if (spec.onlyMedia && message.event !== 'delete') return;
    if (hidesAny(client.relations.hidden, message.authors) || hidesDomain(client.relations.hiddenDomains, message.domains)) return;
    if (source !== null && !routeAllows(sub, message, source)) return;
    if (message.event === 'filters_changed') forgetMatchers(client);
    if (message.event === 'relations_changed') return refresh(client);
    if (!common) {
      return render.own(message, client).then((own) => {
        if (own !== null) client.send(spec.name, message.event, own, new Map());
      });
    }
    if (client.chosen && message.event === 'update' && !inChosen(spec.name[0]!, common.languages, client.chosen)) return;
    const { payload, shared } = readersPayload(common, client.languages);
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

  /**
   * The payload this reader gets, and the map its frames are shared in: the common one, or, for a
   * post with versions, the one of the versions chosen for their languages (shared by every reader
   * choosing the same).
   */
  function readersPayload(common: Common, languages: readonly string[]): Payload {
    if (!common.versions || languages.length === 0) return common;
    const chosen = common.versions(languages);
    return chosen.key === '' ? common : { payload: chosen.payload, shared: sharedFor(`${common.raw}\u0000${chosen.key}`) };
  }

  return deliver;
}

/**
 * One message reaches thousands of streams (every follower on its author's channel, the public
 * streams): their deliveries share one map, so the frame is encoded once, not once per stream.
 */
function sharedFrames(): (raw: string) => Map<string, unknown> {
  const recentShared = new Map<string, Map<string, unknown>>();
  return (raw) => {
    let shared = recentShared.get(raw);
    if (!shared) {
      recentShared.set(raw, (shared = new Map()));
      if (recentShared.size > SHARED_MESSAGES) recentShared.delete(recentShared.keys().next().value!);
    }
    return shared;
  };
}

/**
 * A new post on a public or hashtag stream reaches a reader who chose languages only when it is
 * written in one of them (a version counts), as the REST timelines and Mastodon's streams do.
 */
function inChosen(stream: string, languages: readonly string[], chosen: readonly string[]): boolean {
  if (!stream.startsWith('public') && !stream.startsWith('hashtag')) return true;
  return languages.some((l) => chosen.includes(l));
}

/** Where a message was heard: an author's channel, a hashtag's (its name), or another (null). */
type Source = typeof AUTHOR | string | null;
const AUTHOR = Symbol('author');

/**
 * Whether a status heard on a home or list stream's source channel shows there. On its author's
 * channel: the home or list rules (a delete always passes). On a followed hashtag's channel (home
 * only): the followed-hashtag rule, and only where its author's channel does not deliver it and
 * on the first of its followed hashtags' channels, so that it comes once (a delete likewise).
 */
function routeAllows(sub: Subscription, message: LiveMessage, source: Exclude<Source, null>): boolean {
  const { viewerId, relations } = sub.client;
  if (source === AUTHOR) {
    if (message.event === 'delete') return true;
    // Author channels carry every kind of post; without its route a status is not shown.
    if (!viewerId || !message.route) return false;
    if (sub.list) return showsInList(viewerId, relations.follows, sub.list, message.route);
    return showsInHome(viewerId, relations.follows, message.route);
  }
  // A hashtag stream's own channel, not a followed hashtag's.
  if (sub.tags.length === 0) return true;
  const route = message.route;
  if (!viewerId || !route) return message.event === 'delete';
  const byAuthor = message.event === 'delete' ? listensToAuthor(viewerId, relations.follows, route.authorId) : showsInHome(viewerId, relations.follows, route);
  if (byAuthor || (message.event !== 'delete' && !showsByFollowedTag(viewerId, relations.tags, route))) return false;
  return route.publicTags?.find((t) => relations.tags.has(t)) === source;
}

/** A home stream listens to its viewer's own channel and to followed accounts outside exclusive lists (see viewer-sources). */
const listensToAuthor = (viewerId: string, follows: Follows, authorId: string): boolean => authorId === viewerId || follows.get(authorId)?.exclusive === false;
