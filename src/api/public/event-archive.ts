// An event's archive as the public page and its feed show it: the event in the visitor's language
// (its own, or one of its translations), and each answered question with its answer, read as an
// anonymous visitor reads them (so only public and unlisted posts, only released answers).
import type { AccountView } from '../../core/accounts/views.ts';
import type { Core } from '../../core/index.ts';
import { eventUrl, type EventView } from '../../core/events/service.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { versionUrl } from './versions.ts';

export interface ArchivedQuestion {
  id: string;
  question: StatusView;
  /** null only if the answer's post can no longer be read */
  answer: StatusView | null;
  answeredAt: Date | null;
}

export interface EventArchive {
  view: EventView;
  host: AccountView;
  questions: ArchivedQuestion[];
}

/** The event's public archive, or undefined when there is none to show (no such event, its host suspended). */
export async function loadArchive(core: Core, eventId: string): Promise<EventArchive | undefined> {
  const { event: view, answered } = await core.events.archive(eventId, false);
  const host = (await core.accountViews.cachedByIds([view.event.accountId])).get(view.event.accountId);
  if (!host || host.account.suspendedAt) return undefined;
  const ids = answered.flatMap((q) => [q.question.statusId, ...(q.answer?.statusId ? [q.answer.statusId] : [])]);
  const posts = new Map((await core.statusViews.hydrate(null, ids)).map((p) => [p.status.id, p]));
  const questions = answered.flatMap((q) => {
    const question = posts.get(q.question.statusId);
    if (!question) return [];
    const answer = q.answer?.statusId ? (posts.get(q.answer.statusId) ?? null) : null;
    return [{ id: q.question.id, question, answer, answeredAt: q.question.answeredAt }];
  });
  return { view, host, questions };
}

/** The event's title and description in one language. */
export interface EventText {
  language: string | null;
  title: string;
  description: string;
}

/** The version the visitor's languages ask for: the first they name that the event is written in. */
export function eventText(view: EventView, ctx: UrlContext): EventText {
  const e = view.event;
  const own = { language: e.language, title: e.title, description: e.description };
  for (const code of ctx.languages ?? []) {
    if (code === e.language) return own;
    const t = e.translations.find((v) => v.language === code);
    if (t) return { language: t.language, title: t.title, description: t.description };
  }
  return own;
}

/** Each language the event is written in, its own first, with its address (none without translations). */
export function eventLanguages(view: EventView, ctx: UrlContext): { language: string; href: string }[] {
  const e = view.event;
  if (e.translations.length === 0) return [];
  const url = eventUrl(ctx.origin, e.id);
  const codes = [...(e.language ? [e.language] : []), ...e.translations.map((t) => t.language)];
  return codes.map((language) => ({ language, href: versionUrl(url, language) }));
}

export const KIND_NAMES = { qa: 'Q&A', briefing: 'Press briefing', coverage: 'Live coverage' } as const;
export const STATE_NAMES = { upcoming: 'Upcoming', live: 'Live now', ended: 'Ended' } as const;
