// Parley's live events as its API shows them (docs/events.md), and the calls the web app makes.
import { api, query } from './client.ts';
import type { Account, MediaAttachment, Status } from './types.ts';

export type EventKind = 'qa' | 'briefing' | 'coverage';
export type EventState = 'upcoming' | 'live' | 'ended';
export type EventRole = 'host' | 'cohost' | 'moderator' | 'participant';
export type QuestionState = 'pending' | 'approved' | 'answered' | 'hidden' | 'withdrawn' | 'merged';

export interface LiveEvent {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  language: string | null;
  hashtag: string;
  starts_at: string;
  ends_at: string;
  ended_at: string | null;
  state: EventState;
  premoderated: boolean;
  account: Account;
  announcement_id: string | null;
  url: string;
  questions_count: number;
  answered_count: number;
  created_at: string;
  role: EventRole | null;
}

export interface Answer {
  status_id: string | null;
  url: string | null;
  content: string;
  /** a prepared answer's text (hosts only) */
  draft?: string | null;
  released: boolean;
  media_attachments: MediaAttachment[];
  created_at: string;
}

export interface Question {
  id: string;
  event_id: string;
  status_id: string;
  url: string | null;
  account: Pick<Account, 'id' | 'username' | 'acct' | 'display_name' | 'avatar' | 'url'> | null;
  content: string;
  text: string;
  language: string | null;
  source_server: string | null;
  state: QuestionState;
  votes_count: number;
  /** the viewer's vote (absent in streams) */
  voted?: boolean;
  merged_into_id: string | null;
  follow_up_of_id: string | null;
  answer: Answer | null;
  created_at: string;
  answered_at: string | null;
}

export const BASE = '/api/parley/v1/events';

/** Staff moderate; hosts and cohosts also answer. */
export const isStaff = (role: EventRole | null | undefined) => role === 'host' || role === 'cohost' || role === 'moderator';
export const mayAnswer = (role: EventRole | null | undefined) => role === 'host' || role === 'cohost';

export const getEvent = (id: string) => api<LiveEvent>(`${BASE}/${id}`);

export function getQuestions(id: string, states: QuestionState[], limit = 200): Promise<Question[]> {
  const q = new URLSearchParams({ order: 'top', limit: String(limit) });
  for (const s of states) q.append('state[]', s);
  return api<Question[]>(`${BASE}/${id}/questions?${q}`);
}

export const getUpdates = (id: string) => api<Status[]>(`${BASE}/${id}/updates${query({ limit: 40 })}`);

export const ask = (id: string, text: string, language: string) => api<Question>(`${BASE}/${id}/questions`, { body: { text, language } });

export const vote = (q: Question, on: boolean) => api<Question>(`${BASE}/${q.event_id}/questions/${q.id}/vote`, { method: on ? 'POST' : 'DELETE' });

export type Moderation = 'approve' | 'hide' | 'answered';
export const moderate = (q: Question, action: Moderation) => api<Question>(`${BASE}/${q.event_id}/questions/${q.id}/${action}`, { method: 'POST' });

export const merge = (q: Question, intoId: string) => api<Question>(`${BASE}/${q.event_id}/questions/${q.id}/merge`, { body: { into_id: intoId } });

export const answer = (q: Question, status: string, release: boolean) => api<Question>(`${BASE}/${q.event_id}/questions/${q.id}/answer`, { body: { status, release } });

export const releaseAnswer = (q: Question) => api<Question>(`${BASE}/${q.event_id}/questions/${q.id}/answer/release`, { method: 'POST' });

export const endEvent = (id: string) => api<LiveEvent>(`${BASE}/${id}/end`, { method: 'POST' });

export interface NewEvent {
  kind: EventKind;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  hashtag: string;
  premoderated: boolean;
}
export const createEvent = (fields: NewEvent) => api<LiveEvent>(BASE, { body: fields });

/** The event an announcement's content links to (`<origin>/events/<id>`), on this server. */
export function announcedEventId(html: string, origin = location.origin): string | null {
  for (const m of html.matchAll(/href="([^"]+)"/g)) {
    let url: URL;
    try {
      url = new URL(m[1]!.replaceAll('&amp;', '&'));
    } catch {
      continue;
    }
    const id = url.origin === origin ? /^\/events\/(\d+)\/?$/.exec(url.pathname)?.[1] : undefined;
    if (id) return id;
  }
  return null;
}

export const postUpdate = (id: string, status: string) => api<Status>(`${BASE}/${id}/updates`, { body: { status } });
