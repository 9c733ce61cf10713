// Live events: the core decides who receives what (the same rules as the timelines), and publishes
// small domain messages on the bus; the streaming door renders and delivers them.
import { sql } from 'drizzle-orm';
import type { Bus } from '../infra/bus.ts';
import type { Db } from '../store/db.ts';
import type { Visibility } from '../store/schema/users.ts';
import type { StatusRemoval } from './jobs.ts';
import { routeOf, type Route } from './timelines/home-rule.ts';

/** `relations_changed` is internal: streaming servers reload what a viewer hides and follows. */
export type LiveEventName =
  | 'update'
  | 'delete'
  | 'status.update'
  | 'notification'
  | 'notifications_merged'
  | 'conversation'
  | 'filters_changed'
  | 'relations_changed'
  | 'announcement'
  | 'announcement.reaction'
  | 'announcement.delete'
  | 'event.question'
  | 'event.question.delete'
  | 'event.votes'
  | 'event.update'
  | 'event.changed'
  | 'event.hands';

export interface LiveMessage {
  event: LiveEventName;
  /** the status (update, delete, status.update, conversation), notification or announcement id */
  id: string;
  /** for announcement.reaction: the reaction's name and how many now react so */
  reaction?: { name: string; count: number };
  /** authors involved (for reblogs: the reblogger and the original's author), for per-viewer filters */
  authors?: string[];
  /** the servers of the remote authors involved, for viewers' domain blocks (absent when all are local) */
  domains?: string[];
  /** for status.update: when the edit was made (or a poll's counts moved), so renderers never serve an older version */
  version?: number;
  /** on an author's or hashtag's channel: what decides which home and list streams show the status */
  route?: Route;
  /** for event.votes: questions' new counts (the message's id is the event's) */
  counts?: Record<string, number>;
  /** for event.changed: accounts whose role in the event changed (their screens read it again) */
  roles?: string[];
  /** for event.question: sent to an event's audience, who must never get it unless it is approved or answered when rendered */
  audience?: boolean;
}

/** Channel names, shared by the publisher (core) and the subscribers (streaming door). */
export const channel = {
  user: (accountId: string) => `user:${accountId}`,
  /** an author's posts, edits and deletes (not direct messages): open home and list streams of followers listen */
  author: (accountId: string) => `author:${accountId}`,
  notifications: (accountId: string) => `user:${accountId}:notification`,
  /** internal: an account's follows, blocks or mutes changed */
  relations: (accountId: string) => `relations:${accountId}`,
  direct: (accountId: string) => `direct:${accountId}`,
  public: (scope: 'all' | 'local' | 'remote') => (scope === 'all' ? 'public' : `public:${scope}`),
  hashtag: (tag: string, local: boolean) => `hashtag:${local ? 'local:' : ''}${tag.toLowerCase()}`,
  /** the administrator's announcements and their reactions: every user stream listens */
  announcements: 'announcements',
  /** a live event's audience: what anyone may see of it */
  event: (eventId: string) => `event:${eventId}`,
  /** a live event's hosts and moderators: everything, pending and hidden questions included */
  eventStaff: (eventId: string) => `event:${eventId}:staff`,
};

export const isAuthorChannel = (name: string): boolean => name.startsWith('author:');
/** The hashtag of a (not local-only) hashtag channel, or null for any other channel. */
export const hashtagOfChannel = (name: string): string | null => (name.startsWith('hashtag:') && !name.startsWith('hashtag:local:') ? name.slice('hashtag:'.length) : null);

export interface StatusFacts {
  id: string;
  accountId: string;
  visibility: Visibility;
  local: boolean;
  reblogOfId: string | null;
  originalAuthor: string | null;
  inReplyToAccountId: string | null;
  tags: string[];
  mentioned: string[];
  editedAt: Date | null;
  /** the language followers' language choices are matched against (a reblog's is its original's) */
  language: string | null;
  /** some follower of the author asked to be notified of their posts */
  hasSubscribers: boolean;
  /** the servers of its author and, for a reblog, the original's author, when remote */
  domains: string[];
}

/** The facts of statuses that exist, in one query (fan-out reads a batch at once), oldest first: streams hear a batch's posts in the order they were made. */
async function readFacts(db: Db, statusIds: readonly string[]): Promise<StatusFacts[]> {
  if (statusIds.length === 0) return [];
  const result = await db.execute<{
    id: string;
    account_id: string;
    visibility: Visibility;
    local: boolean;
    reblog_of_id: string | null;
    original_author: string | null;
    in_reply_to_account_id: string | null;
    tags: string[] | null;
    mentioned: string[] | null;
    edited_at: Date | null;
    lang: string | null;
    subscribed: boolean;
    domains: string[] | null;
  }>(sql`
    select s.id, s.edited_at, coalesce(o.language, s.language) as lang, s.account_id, s.visibility, s.local, s.reblog_of_id, o.account_id as original_author, s.in_reply_to_account_id,
      (select array_agg(t.name) from status_tags st join tags t on t.id = st.tag_id where st.status_id = coalesce(s.reblog_of_id, s.id)) as tags,
      (select array_agg(m.account_id::text) from status_mentions m where m.status_id = s.id) as mentioned,
      exists (select 1 from follows fn where fn.target_account_id = s.account_id and fn.notify) as subscribed,
      array_remove(array[(select a.domain from accounts a where a.id = s.account_id), (select a.domain from accounts a where a.id = o.account_id)], null) as domains
    from statuses s left join statuses o on o.id = s.reblog_of_id where s.id = any(${`{${statusIds.join(',')}}`}::bigint[])
    order by s.id`);
  return result.rows.map((r) => ({
    id: String(r.id),
    accountId: String(r.account_id),
    visibility: r.visibility,
    local: r.local,
    reblogOfId: r.reblog_of_id ? String(r.reblog_of_id) : null,
    originalAuthor: r.original_author ? String(r.original_author) : null,
    inReplyToAccountId: r.in_reply_to_account_id ? String(r.in_reply_to_account_id) : null,
    tags: r.tags ?? [],
    mentioned: (r.mentioned ?? []).map(String),
    editedAt: r.edited_at ? new Date(r.edited_at) : null,
    language: r.lang,
    hasSubscribers: r.subscribed,
    domains: r.domains ?? [],
  }));
}

/** The remote servers a status involves, for a message (none: left out). */
const domainsOf = (f: StatusFacts): Pick<LiveMessage, 'domains'> => (f.domains.length > 0 ? { domains: f.domains } : {});

/**
 * Public statuses also go to the public and hashtag streams. Replies to others stay out of the
 * public streams, as in the public timeline; the hashtag streams carry them, as the hashtag
 * timeline does (and Mastodon's hashtag streams, and so open home streams following the tag).
 */
function publicChannels(f: StatusFacts): string[] {
  if (f.visibility !== 'public' || f.reblogOfId) return [];
  const tagged = f.tags.flatMap((t) => [channel.hashtag(t, false), ...(f.local ? [channel.hashtag(t, true)] : [])]);
  if (f.inReplyToAccountId && f.inReplyToAccountId !== f.accountId) return tagged;
  const scope = f.local ? 'local' : 'remote';
  return [channel.public('all'), channel.public(scope), ...tagged];
}

/** A message for each channel, encoded once. */
function addressed(channels: readonly string[], message: LiveMessage): (readonly [string, string])[] {
  const json = JSON.stringify(message);
  return channels.map((c) => [c, json] as const);
}

/** New statuses, each on its author's channel and the public streams (direct messages go elsewhere). */
function postedMessages(list: readonly StatusFacts[]): (readonly [string, string])[] {
  return list
    .filter((f) => f.visibility !== 'direct')
    .flatMap((f) => {
      const authors = [f.accountId, ...(f.originalAuthor ? [f.originalAuthor] : [])];
      return addressed([channel.author(f.accountId), ...publicChannels(f)], { event: 'update', id: f.id, authors, ...domainsOf(f), route: routeOf(f) });
    });
}

/** Every channel that may show a deleted status. */
function deletedChannels(audience: Omit<StatusRemoval, 'statusId' | 'reblogIds'>): string[] {
  const channels: string[] = [];
  if (audience.direct) channels.push(...audience.accountIds.flatMap((id) => [channel.user(id), channel.direct(id)]));
  else channels.push(...[...new Set([audience.authorId, ...audience.rebloggerIds])].map(channel.author));
  if (audience.public) {
    channels.push(channel.public('all'), channel.public(audience.local ? 'local' : 'remote'));
    for (const t of audience.tags) channels.push(channel.hashtag(t, false), ...(audience.local ? [channel.hashtag(t, true)] : []));
  }
  return channels;
}

export function createLive(deps: { db: Db; bus: Bus }) {
  const { db, bus } = deps;
  const factsOf = (statusIds: readonly string[]): Promise<StatusFacts[]> => readFacts(db, statusIds);

  async function send(channels: string[], message: LiveMessage): Promise<void> {
    await bus.publishMany(addressed(channels, message));
  }

  return {
    /** The facts of a status that exists, for deciding where its events go. */
    async facts(statusId: string): Promise<StatusFacts | undefined> {
      return (await factsOf([statusId]))[0];
    },
    /** The facts of statuses that exist, in one query (fan-out reads a batch at once). */
    factsOf,

    /**
     * New statuses: each on its author's channel at once (followers' open home and list streams
     * pick it up by the fan-out rules, without waiting for fan-out), and on the public streams. A
     * direct message goes to its recipients' own channels, which fan-out computes.
     */
    async statusesPosted(list: readonly StatusFacts[]): Promise<void> {
      // A fan-out batch's statuses in one round trip to the bus.
      await bus.publishMany(postedMessages(list));
    },

    /**
     * A direct message reached these recipients' homes (from fan-out, already filtered), and these
     * participants' conversations (core/conversations, which filters them the same way).
     */
    async directDelivered(f: StatusFacts, recipients: string[], participants: string[]): Promise<void> {
      if (f.visibility !== 'direct') return;
      const authors = [f.accountId];
      await send(recipients.map(channel.user), { event: 'update', id: f.id, authors });
      await send(participants.map(channel.direct), { event: 'conversation', id: f.id, authors });
    },

    /** An edited status reaches the screens its delivery reached (direct: recipients from fan-out). */
    async statusEdited(f: StatusFacts, directRecipients: string[], version = f.editedAt?.getTime() ?? 0): Promise<void> {
      const message: LiveMessage = { event: 'status.update', id: f.id, authors: [f.accountId], ...domainsOf(f), version };
      if (f.visibility === 'direct') return send(directRecipients.map(channel.user), message);
      await send([channel.author(f.accountId), ...publicChannels(f)], { ...message, route: routeOf(f) });
    },

    /**
     * A deleted status disappears from every screen that may show it (the status itself is gone):
     * its author's and its rebloggers' followers, the public streams, and for a direct message its
     * recipients.
     */
    async statusDeleted(statusId: string, audience: Omit<StatusRemoval, 'statusId' | 'reblogIds'>): Promise<void> {
      // Open home streams hearing it on a followed hashtag's channel need its route to hear it once (see streaming/delivery).
      const tags = audience.public ? audience.tags.map((t) => t.toLowerCase()) : [];
      await send(deletedChannels(audience), { event: 'delete', id: statusId, ...(tags.length > 0 ? { route: { authorId: audience.authorId, publicTags: tags } } : {}) });
    },

    /** Open streams of these accounts stop and start showing what their new relations allow. */
    async relationsChanged(accountIds: string[]): Promise<void> {
      for (const id of new Set(accountIds)) await send([channel.relations(id)], { event: 'relations_changed', id });
    },

    /** The user's filters changed: their open screens reload them (no payload, as in Mastodon). */
    async filtersChanged(accountId: string): Promise<void> {
      await send([channel.user(accountId)], { event: 'filters_changed', id: accountId });
    },

    /** Accepted requests' notifications joined the others: open screens reload them (Mastodon's `notifications_merged`). */
    async notificationsMerged(accountId: string): Promise<void> {
      await send([channel.user(accountId), channel.notifications(accountId)], { event: 'notifications_merged', id: accountId });
    },

    /** An announcement was published, its reactions changed, or it was removed or ended: every user's screens hear of it. */
    async announcement(event: 'announcement' | 'announcement.delete', announcementId: string): Promise<void> {
      await send([channel.announcements], { event, id: announcementId });
    },
    async announcementReaction(announcementId: string, name: string, count: number): Promise<void> {
      await send([channel.announcements], { event: 'announcement.reaction', id: announcementId, reaction: { name, count } });
    },

    async notificationCreated(notificationId: string, recipientId: string, fromId: string): Promise<void> {
      const message: LiveMessage = { event: 'notification', id: notificationId, authors: [fromId] };
      await send([channel.user(recipientId), channel.notifications(recipientId)], message);
    },
  };
}

export type Live = ReturnType<typeof createLive>;
