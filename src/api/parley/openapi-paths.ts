// The events themselves, their people, updates and export in the OpenAPI description (questions
// are in openapi-question-paths.ts). Each path mirrors a route of events.ts, event-people.ts or
// event-export.ts and the table in docs/events.md.
import { empty, limit, list, maxId, ok, operation, query } from './openapi-operations.ts';
import { arrayOf, bool, dateTime, type PathItem, ref, type Schema, str } from './openapi-types.ts';

const EVENTS = 'Events';
const PEOPLE = 'Participants and hands';
const UPDATES = 'Coverage updates';

const translation: Schema = { type: 'object', required: ['language', 'title'], properties: { language: str, title: { ...str, maxLength: 200 }, description: { ...str, maxLength: 5000 } } };
const eventFields: Record<string, Schema> = {
  title: { ...str, minLength: 1, maxLength: 200 },
  description: { ...str, maxLength: 5000 },
  language: { ...str, description: 'ISO 639 code of the title and description' },
  translations: { ...arrayOf(translation), description: 'the title and description in other languages' },
  starts_at: dateTime,
  ends_at: dateTime,
  hashtag: { ...str, maxLength: 257, description: 'with or without #: a hashtag as posts carry them (at most 256 characters)' },
  premoderated: { ...bool, default: true, description: 'questions wait for a moderator before the audience sees them' },
};
const kind: Schema = { type: 'string', enum: ['qa', 'briefing', 'coverage'] };
const post: Record<string, Schema> = {
  status: { ...str, description: 'the text (Mastodon: status)' },
  media_ids: arrayOf(str),
  language: str,
};

const event = (operationId: string, summary: string, extra: Partial<Parameters<typeof operation>[2]> = {}) =>
  operation(operationId, EVENTS, { summary, path: ['EventId'], ok: ok('The event', ref('Event')), scope: 'write:statuses', errors: [401, 403, 404, 422], ...extra });

export const eventPaths: Record<string, PathItem> = {
  '/events': {
    post: operation('createEvent', EVENTS, {
      summary: 'Create an event',
      description: 'Posts its announcement (a public post by the host) and answers the new event.',
      body: { properties: { kind, ...eventFields }, required: ['kind', 'title', 'starts_at', 'ends_at', 'hashtag'] },
      ok: ok('The event', ref('Event')),
      scope: 'write:statuses',
      errors: [401, 422, 429],
    }),
    get: operation('listEvents', EVENTS, {
      summary: 'List events, newest first',
      query: [query('account_id', str, "only this host's"), query('state', { type: 'string', enum: ['upcoming', 'live', 'ended'] }, 'only these'), limit(20, 40), maxId],
      ok: list('Events; the next page is asked for with max_id, the last id given', 'Event'),
      optionalAuth: true,
      errors: [422],
    }),
  },
  '/events/{id}': {
    get: operation('getEvent', EVENTS, { summary: 'An event, with the viewer’s role', path: ['EventId'], ok: ok('The event', ref('Event')), optionalAuth: true, errors: [404] }),
    patch: event('updateEvent', 'Edit an event (host, cohost)', { body: { properties: eventFields } }),
  },
  '/events/{id}/end': { post: event('endEvent', 'End the event now (host, cohost)') },
  '/events/{id}/participants': {
    get: operation('listParticipants', PEOPLE, { summary: 'Co-hosts, moderators and accredited participants', path: ['EventId'], ok: list('Participants', 'Participant'), errors: [404] }),
    post: operation('addParticipant', PEOPLE, {
      summary: 'Add a participant (host; a cohost for participant and moderator)',
      path: ['EventId'],
      body: { properties: { acct: { ...str, description: '`user` or `user@server`' }, role: { type: 'string', enum: ['cohost', 'moderator', 'participant'] } }, required: ['acct', 'role'] },
      ok: ok('The participant', ref('Participant')),
      scope: 'write:statuses',
      errors: [401, 403, 404, 422],
    }),
  },
  '/events/{id}/participants/{account_id}': {
    delete: operation('removeParticipant', PEOPLE, { summary: 'Remove a participant (host, cohost)', path: ['EventId', 'AccountId'], ok: empty, scope: 'write:statuses', errors: [401, 403, 404] }),
  },
  '/events/{id}/hand': {
    post: operation('raiseHand', PEOPLE, { summary: 'Raise a hand (a participant, in a briefing)', path: ['EventId'], ok: empty, scope: 'write:statuses', errors: [401, 403, 404, 422] }),
    delete: operation('lowerHand', PEOPLE, { summary: 'Lower a hand', path: ['EventId'], ok: empty, scope: 'write:statuses', errors: [401, 403, 404, 422] }),
  },
  '/events/{id}/hands': {
    get: operation('listHands', PEOPLE, { summary: 'Raised hands in order (staff)', path: ['EventId'], ok: list('Hands', 'Hand'), scope: 'read:statuses', errors: [401, 403, 404] }),
  },
  '/events/{id}/hands/{account_id}/call': {
    post: operation('callOnHand', PEOPLE, {
      summary: 'Give the floor to a raised hand (staff)',
      path: ['EventId', 'AccountId'],
      ok: ok('The hand', ref('Hand')),
      scope: 'write:statuses',
      errors: [401, 403, 404, 422],
    }),
  },
  '/events/{id}/updates': {
    get: operation('listUpdates', UPDATES, {
      summary: "A coverage event's updates, newest first",
      path: ['EventId'],
      query: [limit(20, 40), maxId],
      ok: list("Updates (Mastodon's Status)", 'Status'),
      optionalAuth: true,
      errors: [404],
    }),
    post: operation('postUpdate', UPDATES, {
      summary: 'Post an update (host, cohost)',
      path: ['EventId'],
      body: { properties: post },
      ok: ok("The update (Mastodon's Status)", ref('Status')),
      scope: 'write:statuses',
      errors: [401, 403, 404, 422],
    }),
  },
  '/events/{id}/export': {
    get: operation('exportEvent', EVENTS, {
      summary: 'The event and every question, for its staff',
      description: 'Answered questions with their answers in the order answered, then the unanswered ones (pending, approved, hidden), marked. An attachment (Content-Disposition).',
      path: ['EventId'],
      query: [query('format', { type: 'string', enum: ['markdown', 'json'], default: 'markdown' }, 'Markdown for people, JSON for programs')],
      ok: {
        description: 'The export, as a file to save',
        headers: { 'Content-Disposition': { description: 'attachment; filename="event-<id>-<title>.md" (or .json)', schema: str } },
        content: { 'application/json': { schema: ref('EventExport') }, 'text/markdown': { schema: str } },
      },
      scope: 'read:statuses',
      errors: [401, 403, 404, 422],
    }),
  },
  '/openapi.json': {
    get: operation('getOpenApi', EVENTS, {
      summary: 'This description',
      ok: ok('OpenAPI 3.1', {
        type: 'object',
        required: ['openapi', 'info', 'paths', 'components'],
        properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' }, components: { type: 'object' } },
      }),
      errors: [],
    }),
  },
};
