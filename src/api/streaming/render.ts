// Turns live messages into the payloads Mastodon clients expect. A status is rendered once for all
// its recipients on this process, and once more per version of it that some reader gets (a post
// in several languages: see mastodon/entities/status-versions); a notification or a conversation
// once for its one recipient, in their languages.
import type { Core } from '../../core/index.ts';
import { isPublicState } from '../../core/events/live.ts';
import type { LiveMessage } from '../../core/live.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { serializeAnnouncement, serializeAnnouncementReaction } from '../mastodon/entities/announcement.ts';
import { serializeConversation } from '../mastodon/entities/conversation.ts';
import { serializeNotification } from '../mastodon/entities/notification.ts';
import { serializeStatus } from '../mastodon/entities/status.ts';
import { hasVersions, versionsChosen } from '../mastodon/entities/status-versions.ts';
import { handShape, renderEvents, renderPeople, sharedQuestion } from '../parley/entities/event.ts';

const CACHE_MS = 10_000;
const NONE: readonly string[] = [];

/** The languages a status is written in: its own (if known) and its versions'. */
const writtenIn = (view: StatusView): readonly string[] => [...(view.status.language ? [view.status.language] : []), ...view.versions.map((v) => v.language)];

/** Who a payload is rendered for: the signed-in viewer, and the languages their connection reads. */
export interface Reader {
  readonly viewerId: string | null;
  readonly languages: readonly string[];
}

/** A payload every reader shares, unless the status has versions in other languages. */
export interface SharedPayload {
  /** the primary version's (and a delete's id) */
  payload: string;
  /** null: every reader gets `payload`; else the payload for these languages, keyed by the versions chosen ('' for the primary) */
  versions: ((languages: readonly string[]) => { key: string; payload: string }) | null;
  /** the languages the status is written in (its own and its versions'; a reblog's: the original's), for readers who chose theirs */
  languages: readonly string[];
}

/** A reader's languages as the rendering context takes them (none: the primary, as before). */
const withLanguages = (urls: UrlContext, languages: readonly string[]): UrlContext => (languages.length > 0 ? { ...urls, languages } : urls);

const once = (value: unknown): SharedPayload => ({ payload: JSON.stringify(value), versions: null, languages: NONE });

/** A live event's message, alike for everyone on its channel (see core/events/live). */
async function eventPart(core: Core, urls: UrlContext, message: LiveMessage): Promise<SharedPayload | null> {
  switch (message.event) {
    case 'event.question': {
      const [view] = await core.events.questionsForAudience([message.id]);
      // Hidden (or withdrawn) since it was sent to the audience: they never get it.
      if (!view || (message.audience && !isPublicState(view.question.state))) return null;
      return sharedQuestion(core, view, urls);
    }
    case 'event.question.delete':
      return once({ id: message.id });
    case 'event.votes':
      return once({ event_id: message.id, counts: message.counts ?? {} });
    case 'event.changed': {
      const [json] = await renderEvents(core, [await core.events.event(null, message.id)], urls);
      // As the audience sees it (no role); those whose role changed are named, to read theirs again.
      return json ? once({ ...json, roles_changed: message.roles ?? [] }) : null;
    }
    case 'event.hands':
      return once(await renderPeople(core, await core.events.handsOf(message.id), urls, handShape));
    default:
      return null;
  }
}

/** A status for every reader, in its own language, and once more per version some reader chooses. */
function sharedOf(view: StatusView, urls: UrlContext): SharedPayload {
  const payload = JSON.stringify(serializeStatus(view, urls));
  const languages = writtenIn(view.reblog ?? view);
  // Most posts have one language: one payload, and nothing chosen per reader.
  if (!hasVersions(view)) return { payload, versions: null, languages };
  const byKey = new Map<string, string>([['', payload]]);
  return {
    payload,
    languages,
    versions(languages) {
      const key = versionsChosen(view, languages);
      let own = byKey.get(key);
      if (own === undefined) byKey.set(key, (own = JSON.stringify(serializeStatus(view, withLanguages(urls, languages)))));
      return { key, payload: own };
    },
  };
}

export function createRenderer(core: Core, urls: UrlContext) {
  const statuses = new Map<string, { at: number; payload: Promise<SharedPayload | null> }>();

  function status(id: string, version: number): Promise<SharedPayload | null> {
    const now = Date.now();
    const key = `${id}:${version}`;
    const hit = statuses.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.payload;
    const payload = core.statusViews.forDelivery(id).then((v) => (v ? sharedOf(v, urls) : null));
    statuses.set(key, { at: now, payload });
    if (statuses.size > 5000) for (const [k, v] of statuses) if (now - v.at >= CACHE_MS) statuses.delete(k);
    return payload;
  }

  async function notification(id: string, reader: Reader & { viewerId: string }): Promise<string | null> {
    const row = await core.notifications.get(reader.viewerId, id).catch(() => undefined);
    if (!row) return null;
    const [view] = await core.notificationViews.hydrate(reader.viewerId, [row]);
    return view ? JSON.stringify(serializeNotification(view, withLanguages(urls, reader.languages))) : null;
  }

  /** An announcement, or a reaction's new count: alike for every reader (it is sent unread, as when it starts). */
  async function announcement(message: LiveMessage): Promise<SharedPayload | null> {
    if (message.event === 'announcement.reaction') {
      return message.reaction ? { payload: JSON.stringify(serializeAnnouncementReaction(message.id, message.reaction)), versions: null, languages: NONE } : null;
    }
    const view = await core.announcements.forDelivery(message.id);
    return view ? { payload: JSON.stringify(serializeAnnouncement(view)), versions: null, languages: NONE } : null;
  }

  /** A direct message as the Conversation entity, seen by one participant (its unread state theirs). */
  async function conversation(statusId: string, reader: Reader & { viewerId: string }): Promise<string | null> {
    const view = await core.statusViews.forDelivery(statusId);
    if (!view) return null;
    const found = await core.conversations.one(reader.viewerId, view.status.conversationId).catch(() => undefined);
    return found ? JSON.stringify(serializeConversation(found, withLanguages(urls, reader.languages))) : null;
  }

  return {
    /** The payload of a status event (update, status.update, delete), alike for every reader but for their version. */
    shared(message: LiveMessage): Promise<SharedPayload | null> {
      if (message.event.startsWith('event.')) return message.event === 'event.update' ? status(message.id, 0) : eventPart(core, urls, message);
      if (message.event === 'update') return status(message.id, 0);
      if (message.event === 'status.update') return status(message.id, message.version ?? Date.now());
      if (message.event === 'announcement' || message.event === 'announcement.reaction') return announcement(message);
      return Promise.resolve(message.event === 'delete' || message.event === 'announcement.delete' ? { payload: message.id, versions: null, languages: NONE } : null);
    },

    /** The payload of any other event, for one reader. */
    async own(message: LiveMessage, reader: Reader): Promise<string | null> {
      const { viewerId } = reader;
      switch (message.event) {
        case 'notification':
          return viewerId ? notification(message.id, { ...reader, viewerId }) : null;
        case 'conversation':
          return viewerId ? conversation(message.id, { ...reader, viewerId }) : null;
        case 'notifications_merged':
          // Mastodon's payload is "1".
          return viewerId === message.id ? '1' : null;
        case 'filters_changed':
          return viewerId === message.id ? '' : null;
        default:
          return null;
      }
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
