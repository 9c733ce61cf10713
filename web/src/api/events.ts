// The calls the web app makes to Parley's live events API (docs/events.md).
import { api, query } from './client.ts';
import type { EventKind, EventRole, LiveEvent, Question, QuestionState } from './event-types.ts';
import type { Status } from './types.ts';

export type * from './event-types.ts';

export const BASE = '/api/parley/v1/events';

/** Staff moderate; hosts and cohosts also answer. */
export const isStaff = (role: EventRole | null | undefined) => role === 'host' || role === 'cohost' || role === 'moderator';
export const mayAnswer = (role: EventRole | null | undefined) => role === 'host' || role === 'cohost';

export const getEvent = (id: string) => api<LiveEvent>(`${BASE}/${id}`);

const PAGE = 200;
/** Enough for the largest event a screen lists whole. */
const MOST = 5000;

/** Every question in these states, most votes first, read a page (the API's largest) at a time. */
export async function getQuestions(id: string, states: QuestionState[]): Promise<Question[]> {
  // By id: a vote between two pages may move a question across their border.
  const all = new Map<string, Question>();
  for (let offset = 0; offset < MOST; offset += PAGE) {
    const q = new URLSearchParams({ order: 'top', limit: String(PAGE), offset: String(offset) });
    for (const s of states) q.append('state[]', s);
    const page = await api<Question[]>(`${BASE}/${id}/questions?${q}`);
    for (const question of page) all.set(question.id, question);
    if (page.length < PAGE) break;
  }
  return [...all.values()];
}

export const getUpdates = (id: string) => api<Status[]>(`${BASE}/${id}/updates${query({ limit: 40 })}`);

/** A question; in a briefing, `followUpOf` attaches it to an answered one. */
export const ask = (id: string, text: string, language: string, followUpOf?: string) =>
  api<Question>(`${BASE}/${id}/questions`, { body: { text, language, ...(followUpOf ? { follow_up_of: followUpOf } : {}) } });

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

export const postUpdate = (id: string, status: string) => api<Status>(`${BASE}/${id}/updates`, { body: { status } });
