// How a screen keeps an event's questions as the stream changes them: questions put in or taken
// out, vote counts, and the order the server's `top` gives.
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
const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Most votes first, then the oldest (the order the server's `top` gives). */
export const byVotes = (a: Question, b: Question) => b.votes_count - a.votes_count || compareIds(a.id, b.id);

export function applyVotes(list: Question[], counts: Record<string, number>): Question[] {
  return list.map((q) => (counts[q.id] === undefined ? q : { ...q, votes_count: counts[q.id]! }));
}
