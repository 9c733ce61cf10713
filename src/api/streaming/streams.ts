// Mastodon's stream names, and the bus channels and filters behind each.
import { channel, type LiveEventName } from '../../core/live.ts';

export interface StreamRequest {
  stream: string;
  tag?: string | undefined;
  list?: string | undefined;
  /** for the event stream: the event's id */
  event?: string | undefined;
}

export interface StreamSpec {
  /** how the stream is named in WebSocket messages: ["hashtag", "foo"] */
  name: string[];
  channels: string[];
  /** events this stream passes on */
  events: ReadonlySet<LiveEventName>;
  needsUser: boolean;
  /** only statuses with media: none exist before the media work, so nothing passes */
  onlyMedia: boolean;
}

const TIMELINE_EVENTS: ReadonlySet<LiveEventName> = new Set(['update', 'delete', 'status.update']);
/** A live event's stream: questions, votes, updates and the event itself (see docs/events.md). */
const EVENT_EVENTS: ReadonlySet<LiveEventName> = new Set(['event.question', 'event.question.delete', 'event.votes', 'event.update', 'event.changed', 'event.hands']);
const USER_EVENTS: ReadonlySet<LiveEventName> = new Set([
  'update',
  'delete',
  'status.update',
  'notification',
  'notifications_merged',
  'filters_changed',
  'announcement',
  'announcement.reaction',
  'announcement.delete',
]);

export class StreamError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Resolves a stream request for a viewer (null when anonymous). */
export function resolveStream(req: StreamRequest, viewerId: string | null): StreamSpec {
  const user = (spec: Omit<StreamSpec, 'needsUser'>): StreamSpec => {
    if (!viewerId) throw new StreamError(401, 'Missing access token');
    return { ...spec, needsUser: true };
  };
  const open = (spec: Omit<StreamSpec, 'needsUser'>): StreamSpec => ({ ...spec, needsUser: false });
  switch (req.stream) {
    case 'user':
      // The administrator's announcements go to every user stream, on one channel.
      return user({ name: ['user'], channels: [channel.user(viewerId ?? ''), channel.announcements], events: USER_EVENTS, onlyMedia: false });
    case 'user:notification':
      return user({ name: ['user:notification'], channels: [channel.notifications(viewerId ?? '')], events: new Set(['notification', 'notifications_merged']), onlyMedia: false });
    case 'direct':
      return user({ name: ['direct'], channels: [channel.direct(viewerId ?? '')], events: new Set(['conversation', 'delete']), onlyMedia: false });
    case 'public':
    case 'public:media':
    case 'public:local':
    case 'public:local:media':
    case 'public:remote':
    case 'public:remote:media': {
      const scope = req.stream.includes(':local') ? 'local' : req.stream.includes(':remote') ? 'remote' : 'all';
      return open({ name: [req.stream], channels: [channel.public(scope)], events: TIMELINE_EVENTS, onlyMedia: req.stream.endsWith(':media') });
    }
    case 'hashtag':
    case 'hashtag:local': {
      const tag = req.tag?.replace(/^#/, '').trim();
      if (!tag) throw new StreamError(400, 'Missing tag name parameter');
      return open({ name: [req.stream, tag], channels: [channel.hashtag(tag, req.stream === 'hashtag:local')], events: TIMELINE_EVENTS, onlyMedia: false });
    }
    case 'list':
      // The members' channels are added by the hub, which reads the list (and refuses others' lists).
      if (!req.list) throw new StreamError(400, 'Missing list name parameter');
      return user({ name: ['list', req.list], channels: [], events: TIMELINE_EVENTS, onlyMedia: false });
    case 'event':
      // Open to anyone; the hub moves hosts and moderators to the staff's channel (see hub.subscribe).
      if (!req.event || !/^\d{1,20}$/.test(req.event)) throw new StreamError(400, 'Missing event parameter');
      return open({ name: ['event', req.event], channels: [channel.event(req.event)], events: EVENT_EVENTS, onlyMedia: false });
    default:
      throw new StreamError(400, 'Unknown stream type');
  }
}

/** The scope a token needs for a stream. */
export function streamScope(stream: string): string {
  if (stream === 'user:notification') return 'read:notifications';
  return 'read:statuses';
}
