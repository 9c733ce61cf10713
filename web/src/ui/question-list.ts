// How a screen keeps an event's questions as the stream changes them: questions put in or taken
// out, vote counts, the order the server's `top` gives, and a briefing's follow-ups under the
// questions they follow.
import type { Question, QuestionState } from '../api/event-types.ts';

/** Questions no list shows: they left the event, or went into another. */
const GONE: ReadonlySet<QuestionState> = new Set(['withdrawn', 'merged']);

/** A question from the stream carries no `voted`: the viewer's own is kept. */
export function upsert(list: Question[], next: Question): Question[] {
  const old = list.find((q) => q.id === next.id);
  const merged = { ...next, voted: next.voted ?? old?.voted };
  if (GONE.has(next.state)) return list.filter((q) => q.id !== next.id);
  return old ? list.map((q) => (q.id === next.id ? merged : q)) : [...list, merged];
}

/** Ids are numbers in strings, beyond what a double holds exactly: the longer is the larger. */
export const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Most votes first, then the oldest (the order the server's `top` gives). */
export const byVotes = (a: Question, b: Question) => b.votes_count - a.votes_count || compareIds(a.id, b.id);

export function applyVotes(list: Question[], counts: Record<string, number>): Question[] {
  return list.map((q) => (counts[q.id] === undefined ? q : { ...q, votes_count: counts[q.id]! }));
}

/** A question and the follow-ups attached to it (each with its own). */
export interface Thread {
  question: Question;
  followUps: Thread[];
}

/**
 * The questions as threads: each follow-up under the question it follows, in the order asked; the
 * others in the order given. A follow-up whose question is not in the list stands on its own.
 */
export function threads(list: readonly Question[]): Thread[] {
  const shown = new Set(list.map((q) => q.id));
  const under = new Map<string, Question[]>();
  for (const q of list) {
    const parent = q.follow_up_of_id;
    if (parent && parent !== q.id && shown.has(parent)) under.set(parent, [...(under.get(parent) ?? []), q]);
  }
  // The walk ends even were follow-ups to form a loop (the server never makes one).
  const placed = new Set<string>();
  const thread = (q: Question): Thread => {
    placed.add(q.id);
    const followUps = (under.get(q.id) ?? []).filter((f) => !placed.has(f.id)).sort((a, b) => compareIds(a.id, b.id));
    return { question: q, followUps: followUps.map(thread) };
  };
  return list.filter((q) => !(q.follow_up_of_id && shown.has(q.follow_up_of_id) && q.follow_up_of_id !== q.id)).map(thread);
}
