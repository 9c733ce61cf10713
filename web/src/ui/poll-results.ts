// What a poll's results show, from the Poll entity alone: each option's share, the leading ones,
// the reader's own choices, and how many took part. No React here: test/web/logic.test.ts reads it.
import type { Poll } from '../api/types.ts';

export interface OptionResult {
  title: string;
  /** 0 to 1; null while the poll hides its totals */
  share: number | null;
  leading: boolean;
  /** one of the reader's own choices */
  own: boolean;
}

/** How many people took part: voters for a multiple-choice poll, votes otherwise (one each). */
export const participants = (poll: Poll): number => poll.voters_count ?? poll.votes_count;

/** Shares are of the people who voted, as Mastodon counts them: a multiple-choice poll's add up to more than 100 %. */
export function resultsOf(poll: Poll): OptionResult[] {
  const people = participants(poll);
  const most = Math.max(0, ...poll.options.map((o) => o.votes_count ?? 0));
  return poll.options.map((o, i) => ({
    title: o.title,
    share: o.votes_count === null ? null : people === 0 ? 0 : o.votes_count / people,
    leading: most > 0 && o.votes_count === most,
    own: poll.own_votes?.includes(i) ?? false,
  }));
}

const sameKind = (a: Poll, b: Poll) => a.id === b.id && a.multiple === b.multiple && a.options.length === b.options.length && a.options.every((o, i) => o.title === b.options[i]?.title);

/**
 * A poll as a stream sent it (rendered for no one in particular) keeps the reader's part of the poll
 * shown, unless an edit changed its options or kind (its votes then started over).
 */
export function withOwnVotes(next: Poll | null | undefined, shown: Poll | null | undefined): Poll | null | undefined {
  if (!next || next.voted !== undefined || !shown || !sameKind(next, shown)) return next;
  return { ...next, voted: shown.voted, own_votes: shown.own_votes };
}
