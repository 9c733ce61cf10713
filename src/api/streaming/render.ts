// Turns live messages into the payloads Mastodon clients expect; a status is rendered once for
// all its recipients on this process, a notification once for its one recipient.
import type { Core } from '../../core/index.ts';
import type { LiveMessage } from '../../core/live.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { serializeAnnouncement, serializeAnnouncementReaction } from '../mastodon/entities/announcement.ts';
import { serializeConversation } from '../mastodon/entities/conversation.ts';
import { serializeNotification } from '../mastodon/entities/notification.ts';
import { serializeStatus } from '../mastodon/entities/status.ts';

const CACHE_MS = 10_000;

export function createRenderer(core: Core, urls: UrlContext) {
  const statuses = new Map<string, { at: number; payload: Promise<string | null> }>();

  function status(id: string, version: number): Promise<string | null> {
    const now = Date.now();
    const key = `${id}:${version}`;
    const hit = statuses.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.payload;
    const payload = core.statusViews.forDelivery(id).then((v) => (v ? JSON.stringify(serializeStatus(v, urls)) : null));
    statuses.set(key, { at: now, payload });
    if (statuses.size > 5000) for (const [k, v] of statuses) if (now - v.at >= CACHE_MS) statuses.delete(k);
    return payload;
  }

  async function notification(id: string, viewerId: string): Promise<string | null> {
    const row = await core.notifications.get(viewerId, id).catch(() => undefined);
    if (!row) return null;
    const [view] = await core.notificationViews.hydrate(viewerId, [row]);
    return view ? JSON.stringify(serializeNotification(view, urls)) : null;
  }

  /** A direct message as the Conversation entity, seen by one participant (its unread state theirs). */
  async function conversation(statusId: string, viewerId: string): Promise<string | null> {
    const view = await core.statusViews.forDelivery(statusId);
    if (!view) return null;
    const found = await core.conversations.one(viewerId, view.status.conversationId).catch(() => undefined);
    return found ? JSON.stringify(serializeConversation(found, urls)) : null;
  }

  return async (message: LiveMessage, viewerId: string | null): Promise<string | null> => {
    switch (message.event) {
      case 'update':
        return status(message.id, 0);
      case 'status.update':
        return status(message.id, message.version ?? Date.now());
      case 'delete':
        return message.id;
      case 'notification':
        return viewerId ? notification(message.id, viewerId) : null;
      case 'conversation':
        return viewerId ? conversation(message.id, viewerId) : null;
      case 'notifications_merged':
        // Mastodon's payload is "1".
        return viewerId === message.id ? '1' : null;
      case 'filters_changed':
        return viewerId === message.id ? '' : null;
      case 'relations_changed':
        return null;
      case 'announcement': {
        const view = await core.announcements.forDelivery(message.id);
        return view ? JSON.stringify(serializeAnnouncement(view)) : null;
      }
      case 'announcement.reaction':
        return message.reaction ? JSON.stringify(serializeAnnouncementReaction(message.id, message.reaction)) : null;
      case 'announcement.delete':
        return message.id;
    }
  };
}
