// The entities of Parley's events API (docs/events.md) as JSON Schema, matching the serialisers in
// entities/event.ts. Parley's own entities are strict (no property left out, none added), so a
// serialiser drifting from the description fails the OpenAPI test; Mastodon's Account, Status and
// MediaAttachment, which our answers embed, are described loosely (their fields that matter here).
import { arrayOf, bool, dateTime, id, int, nullable, ref, type Schema, str, strict, uri } from './openapi-types.ts';

const ROLES = ['host', 'cohost', 'moderator', 'participant'] as const;
export const QUESTION_STATES = ['pending', 'approved', 'answered', 'hidden', 'withdrawn', 'merged'] as const;
const language: Schema = { type: ['string', 'null'], description: 'ISO 639 code' };

const Account: Schema = {
  type: 'object',
  description: "Mastodon's Account (see Mastodon's API documentation); only the fields this API relies on are listed.",
  required: ['id', 'username', 'acct', 'display_name', 'url', 'avatar', 'created_at'],
  properties: { id, username: str, acct: str, display_name: str, url: uri, avatar: uri, note: str, created_at: dateTime },
};

const Status: Schema = {
  type: 'object',
  description: "Mastodon's Status (see Mastodon's API documentation); only the fields this API relies on are listed.",
  required: ['id', 'uri', 'created_at', 'account', 'content', 'visibility', 'media_attachments'],
  properties: {
    id,
    uri: str,
    url: nullable(uri),
    created_at: dateTime,
    account: ref('Account'),
    content: str,
    language,
    visibility: { type: 'string', enum: ['public', 'unlisted', 'private', 'direct'] },
    in_reply_to_id: nullable(id),
    media_attachments: arrayOf(ref('MediaAttachment')),
  },
};

const MediaAttachment: Schema = {
  type: 'object',
  description: "Mastodon's MediaAttachment; only the fields this API relies on are listed.",
  required: ['id', 'type', 'url'],
  properties: { id, type: { type: 'string', enum: ['image', 'gifv', 'video', 'audio', 'unknown'] }, url: nullable(uri), preview_url: nullable(uri), description: nullable(str) },
};

const AccountBrief: Schema = strict({ id, username: str, acct: { type: 'string', description: '`user` when local, `user@server` otherwise' }, display_name: str, avatar: uri, url: uri });

const Translation: Schema = strict({ language: str, title: str, description: str });

const Event: Schema = strict({
  id,
  kind: { type: 'string', enum: ['qa', 'briefing', 'coverage'] },
  title: str,
  description: { type: 'string', description: 'plain text' },
  language,
  translations: arrayOf(ref('EventTranslation')),
  hashtag: { type: 'string', description: 'lower case, without #' },
  starts_at: dateTime,
  ends_at: dateTime,
  ended_at: nullable(dateTime),
  state: { type: 'string', enum: ['upcoming', 'live', 'ended'] },
  premoderated: bool,
  account: ref('Account'),
  announcement_id: nullable(id),
  url: { ...uri, description: 'the public page' },
  questions_count: int,
  answered_count: int,
  created_at: dateTime,
  role: { type: ['string', 'null'], enum: [...ROLES, null], description: "the viewer's role; null for the audience" },
  hand: {
    oneOf: [strict({ raised_at: dateTime, called_at: nullable(dateTime) }), { type: 'null' }],
    description: "the viewer's own raised hand (an accredited participant's, in a briefing); null otherwise",
  },
});

const Answer: Schema = strict({
  status_id: { ...nullable(id), description: 'the answer post; null while a prepared answer waits to be released' },
  url: nullable(uri),
  content: { type: 'string', description: "HTML, in the reader's language when the answer has a version in it; empty before release" },
  language: { type: ['string', 'null'], description: 'the language of `content`' },
  languages: { ...arrayOf(str), description: 'every language the answer is written in, primary first (empty when it has one)' },
  draft: { type: ['string', 'null'], description: "a prepared answer's text (hosts only)" },
  released: bool,
  media_attachments: arrayOf(ref('MediaAttachment')),
  created_at: dateTime,
});

const Question: Schema = strict(
  {
    id,
    event_id: id,
    status_id: { ...id, description: 'the post that asks it' },
    url: nullable(uri),
    account: nullable(ref('AccountBrief')),
    content: { type: 'string', description: 'HTML' },
    text: { type: 'string', description: 'plain text' },
    language,
    source_server: { type: ['string', 'null'], description: "the asker's server; null when local" },
    state: { type: 'string', enum: QUESTION_STATES },
    votes_count: int,
    voted: { type: 'boolean', description: 'whether the viewer voted for it (signed-in viewers only)' },
    merged_into_id: nullable(id),
    follow_up_of_id: nullable(id),
    answer: nullable(ref('Answer')),
    created_at: dateTime,
    answered_at: nullable(dateTime),
  },
  ['voted'],
);

const Participant: Schema = strict({ account: ref('AccountBrief'), role: { type: 'string', enum: ROLES }, created_at: dateTime });
const Hand: Schema = strict({ account: ref('AccountBrief'), raised_at: dateTime, called_at: nullable(dateTime) });

const FieldProblem: Schema = strict({ error: { type: 'string', description: 'e.g. ERR_BLANK, ERR_INVALID' }, description: str });
const ErrorSchema: Schema = {
  type: 'object',
  description: "Mastodon's error: a message, and for validation failures the problems of each field",
  required: ['error'],
  properties: { error: str, error_description: str, details: { type: 'object', additionalProperties: arrayOf(FieldProblem) } },
  additionalProperties: false,
};

const Export: Schema = strict({
  event: ref('Event'),
  exported_at: dateTime,
  questions: { ...arrayOf(ref('Question')), description: 'the answered questions in the order answered, then the unanswered (pending, approved, hidden), most voted first' },
});

const Empty: Schema = { type: 'object', maxProperties: 0 };

export const schemas: Record<string, Schema> = {
  Event,
  EventTranslation: Translation,
  Question,
  Answer,
  Participant,
  Hand,
  AccountBrief,
  Error: ErrorSchema,
  EventExport: Export,
  Empty,
  Account,
  Status,
  MediaAttachment,
};
