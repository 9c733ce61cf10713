// A host creates an event, edits it, or ends it early. Creating posts its announcement (a public
// post by the host, in each of the event's languages): replies to it are questions.
import type { Tx } from '../../store/db.ts';
import { eventById, insertEvent, lockEvent, updateEvent, type EventRow } from '../../store/events/events.ts';
import type { EventKind, EventTranslation } from '../../store/schema/index.ts';
import { Problems, ValidationError } from '../errors.ts';
import { isWellFormedText } from '../text/well-formed.ts';
import { isKnownLanguage } from '../statuses/versions.ts';
import { givenTag } from '../tags/deps.ts';
import { type Actor, eventFor, type EventsDeps, HOSTS, stateOf } from './deps.ts';

export interface EventInput {
  kind: EventKind;
  title: string;
  description?: string | undefined;
  language?: string | null | undefined;
  translations?: readonly EventTranslation[] | undefined;
  startsAt: Date;
  endsAt: Date;
  hashtag: string;
  premoderated?: boolean | undefined;
}

export type EventChanges = Partial<Omit<EventInput, 'kind'>>;

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;
/** How much of the description the announcement carries (it links to the rest). */
const ANNOUNCED_DESCRIPTION = 200;
const MAX_DAYS = 31;

function checkText(problems: Problems, field: string, value: string | undefined, max: number, required: boolean): void {
  if (value === undefined) return;
  if (required && !value.trim()) problems.add(field, 'ERR_BLANK', "can't be blank");
  else if (value.length > max || !isWellFormedText(value)) problems.add(field, 'ERR_TOO_LONG', `must be text of at most ${max} characters`);
}

/** The problems of an event as it would be after the changes (all of them, at once). */
function check(input: EventChanges, now: Date, creating: boolean): void {
  const problems = new Problems();
  checkText(problems, 'title', input.title, MAX_TITLE, true);
  checkText(problems, 'description', input.description, MAX_DESCRIPTION, false);
  if (input.hashtag !== undefined && !givenTag(input.hashtag)) problems.add('hashtag', 'ERR_INVALID', 'is not a hashtag');
  if (input.language && !isKnownLanguage(input.language)) problems.add('language', 'ERR_INCLUSION', 'is not a language code');
  for (const [i, t] of (input.translations ?? []).entries()) {
    if (!isKnownLanguage(t.language) || t.language === input.language) problems.add(`translations[${i}].language`, 'ERR_INCLUSION', 'is not another language');
    checkText(problems, `translations[${i}].title`, t.title, MAX_TITLE, true);
    checkText(problems, `translations[${i}].description`, t.description, MAX_DESCRIPTION, false);
  }
  if (new Set((input.translations ?? []).map((t) => t.language)).size !== (input.translations ?? []).length) problems.add('translations', 'ERR_TAKEN', 'has a language twice');
  const { startsAt, endsAt } = input;
  for (const [field, at] of [
    ['starts_at', startsAt],
    ['ends_at', endsAt],
  ] as const)
    if (at && Number.isNaN(at.getTime())) problems.add(field, 'ERR_INVALID', 'is not a date');
  if (startsAt && endsAt && endsAt <= startsAt) problems.add('ends_at', 'ERR_INVALID', 'must be after the start');
  else if (startsAt && endsAt && endsAt.getTime() - startsAt.getTime() > MAX_DAYS * 86_400_000) problems.add('ends_at', 'ERR_INVALID', `must be within ${MAX_DAYS} days of the start`);
  if (creating && endsAt && endsAt <= now) problems.add('ends_at', 'ERR_INVALID', 'must be in the future');
  problems.throwIfAny();
}

const excerpt = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** The announcement's text in one language: the title, the start of the description, the hashtag and the address. */
function announcement(title: string, description: string, hashtag: string, url: string): string {
  return [title.trim(), excerpt(description.trim(), ANNOUNCED_DESCRIPTION), `#${hashtag} ${url}`].filter(Boolean).join('\n\n');
}

export const eventUrl = (origin: string, eventId: string): string => `${origin}/events/${eventId}`;

const momentKey = (eventId: string, at: 'start' | 'end') => `event:${eventId}:${at}`;

export function createEventLifecycle(deps: EventsDeps & { origin: string }) {
  const { db, ids, jobs, statuses, live, origin } = deps;

  /** Open screens hear when the event starts and ends (a job at each moment, moved when the times change). */
  async function scheduleMoments(tx: Tx, event: EventRow): Promise<void> {
    const now = new Date();
    for (const [at, runAt] of [
      ['start', event.startsAt],
      ['end', event.endsAt],
    ] as const) {
      if (runAt > now) await jobs.enqueue(tx, 'event.moment', { eventId: event.id }, { key: momentKey(event.id, at), runAt });
      else await jobs.remove(tx, momentKey(event.id, at));
    }
  }

  return {
    async create(actor: Actor, input: EventInput): Promise<EventRow> {
      const now = new Date();
      check(input, now, true);
      const id = ids();
      // Checked above: a hashtag as a post's tags are (the intake matches the event's to theirs).
      const tag = givenTag(input.hashtag)!;
      const hashtag = tag.displayName;
      const url = eventUrl(origin, id);
      const translations = [...(input.translations ?? [])];
      // The announcement first, with the id the event will have: a crash in between leaves a post, never an event without one.
      const posted = await statuses.post(actor.account, actor.user, {
        text: announcement(input.title, input.description ?? '', hashtag, url),
        visibility: 'public',
        language: input.language ?? null,
        versions: translations.map((t) => ({ language: t.language, text: announcement(t.title, t.description, hashtag, url) })),
      });
      return db.transaction(async (tx) => {
        const row = await insertEvent(tx, {
          id,
          accountId: actor.account.id,
          kind: input.kind,
          title: input.title.trim(),
          description: (input.description ?? '').trim(),
          language: input.language ?? posted.status.language,
          translations,
          hashtag: tag.name,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          premoderated: input.premoderated ?? true,
          statusId: posted.status.id,
        });
        await scheduleMoments(tx, row);
        return row;
      });
    },

    async update(actor: Actor, id: string, changes: EventChanges): Promise<EventRow> {
      const { event } = await eventFor(db, id, actor.account.id, HOSTS);
      if (stateOf(event) === 'ended') throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'has ended' }] });
      check({ ...changes, startsAt: changes.startsAt ?? event.startsAt, endsAt: changes.endsAt ?? event.endsAt, language: changes.language ?? event.language }, new Date(), false);
      const row = await db.transaction(async (tx) => {
        await lockEvent(tx, event.id);
        const updated = await updateEvent(tx, event.id, {
          ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
          ...(changes.description !== undefined ? { description: changes.description.trim() } : {}),
          ...(changes.language !== undefined ? { language: changes.language } : {}),
          ...(changes.translations !== undefined ? { translations: [...changes.translations] } : {}),
          ...(changes.hashtag !== undefined ? { hashtag: givenTag(changes.hashtag)!.name } : {}),
          ...(changes.startsAt !== undefined ? { startsAt: changes.startsAt } : {}),
          ...(changes.endsAt !== undefined ? { endsAt: changes.endsAt } : {}),
          ...(changes.premoderated !== undefined ? { premoderated: changes.premoderated } : {}),
        });
        await scheduleMoments(tx, updated);
        return updated;
      });
      await live.eventChanged(row.id);
      return row;
    },

    /** Ends it now: no more questions or votes; what was answered stays in its archive. */
    async end(actor: Actor, id: string): Promise<EventRow> {
      const { event } = await eventFor(db, id, actor.account.id, HOSTS);
      if (stateOf(event) === 'ended') return event;
      const row = await db.transaction(async (tx) => {
        await lockEvent(tx, event.id);
        await jobs.remove(tx, momentKey(event.id, 'start'));
        await jobs.remove(tx, momentKey(event.id, 'end'));
        return updateEvent(tx, event.id, { endedAt: new Date() });
      });
      await live.eventChanged(row.id);
      return row;
    },

    byId: (id: string) => eventById(db, id),
  };
}
