// The Poll entity: what every reader shares (here), and the reader's own votes (the 'poll' entry of
// viewer-parts). Totals of a poll that hides them are null until it ends, for everyone (as Mastodon).
import { pollExpired } from '../../../core/statuses/poll-input.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import type { PollRow } from '../../../store/schema/index.ts';

export function sharedPoll(poll: PollRow, now = Date.now()) {
  const expired = pollExpired(poll, now);
  const showTotals = expired || !poll.hideTotals;
  return {
    id: poll.id,
    expires_at: poll.expiresAt ? poll.expiresAt.toISOString() : null,
    expired,
    multiple: poll.multiple,
    votes_count: poll.votesCount,
    // Mastodon's documentation: the count of voters is given for multiple-choice polls only.
    voters_count: poll.multiple ? poll.votersCount : null,
    options: poll.options.map((title, i) => ({ title, votes_count: showTotals ? (poll.tallies[i] ?? 0) : null })),
    emojis: [] as unknown[],
  };
}

/** The reader's part: absent for anonymous readers; the author of a poll counts as having voted. */
export function writeOwnVotes(into: Record<string, unknown>, view: StatusView): void {
  if (!view.viewer) return;
  into.voted = view.viewer.own || view.viewer.votes.length > 0;
  into.own_votes = view.viewer.votes;
}

/** A status's poll as the reader sees it (GET /api/v1/polls/:id and the vote's answer). */
export function serializePoll(view: StatusView): Record<string, unknown> | null {
  if (!view.poll) return null;
  const entity: Record<string, unknown> = sharedPoll(view.poll);
  writeOwnVotes(entity, view);
  return entity;
}
