// Voting in a poll, as Mastodon allows it: on a poll of a status the voter may see, not its own,
// not ended, once, with valid choices (one only, unless the poll takes several). The poll's row is
// locked while the vote is counted, so concurrent votes all count.
import type { Db, Tx } from '../../store/db.ts';
import type { PollRow } from '../../store/schema/index.ts';
import { choicesOf, lockedPoll, pollById, recordVote } from '../../store/statuses/polls.ts';
import type { Account } from '../accounts/service.ts';
import { invalid, NotFoundError } from '../errors.ts';
import { isId, type IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import type { Outbox } from '../outbox.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import { pollExpired } from './poll-input.ts';
import type { PollNews } from './poll-news.ts';
import { refreshAtEnd, type RemotePollRefresh } from './remote-poll-refresh.ts';
import type { StatusView } from './views.ts';

export const refuse = invalid;

/** The choices, checked against the poll (before and again once its row is locked). */
function checkChoices(poll: PollRow, voter: Account, choices: readonly number[]): void {
  if (poll.accountId === voter.id) throw refuse('you cannot vote in your own poll');
  if (pollExpired(poll)) throw refuse('the poll has already ended');
  if (choices.length === 0) throw refuse('choose at least one option');
  if (choices.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.options.length)) throw refuse('a choice is not one of the options');
  if (new Set(choices).size !== choices.length) throw refuse('a choice is given twice');
  if (!poll.multiple && choices.length > 1) throw refuse('the poll takes one choice only');
}

/**
 * The status of a poll as the viewer sees it (the poll's own GET): 404 when the viewer may not see
 * it. A remote poll it shows stale is read again from its server soon after.
 */
export function createPollRead(deps: { db: Db; access: StatusAccess; refresh: RemotePollRefresh }) {
  return async function pollStatus(viewerId: string | null, pollId: string): Promise<StatusView> {
    const found = isId(pollId) ? await pollById(deps.db, pollId) : undefined;
    if (!found) throw new NotFoundError();
    const view = await deps.access.view(viewerId, found.statusId);
    await deps.refresh.viewed(found, view.status, viewerId);
    return view;
  };
}

export function createVote(deps: { db: Db; ids: IdGenerator; jobs: Jobs; outbox: Outbox; pollNews: PollNews; access: StatusAccess; changes: StatusChanges }) {
  const { db, ids, jobs, outbox, pollNews, access, changes } = deps;

  /** Inside the transaction, the poll locked: the vote counted, and its news queued for other servers. */
  async function count(tx: Tx, voter: Account, pollId: string, choices: readonly number[], local: boolean): Promise<void> {
    const poll = await lockedPoll(tx, pollId);
    if (!poll) throw new NotFoundError();
    checkChoices(poll, voter, choices);
    if ((await choicesOf(tx, poll.id, voter.id)).length > 0) throw refuse('you have already voted in this poll');
    const rows = choices.map((choice) => ({ id: ids(), choice }));
    await recordVote(tx, poll, { accountId: voter.id, newVoter: true, choices: rows });
    if (local) return pollNews(tx, poll.statusId);
    await outbox.publish(tx, { type: 'poll.voted', pollId: poll.id, accountId: voter.id, voteIds: rows.map((r) => r.id) });
    // Its result is read from its server at its end, and told to its voters here.
    await refreshAtEnd(tx, jobs, poll, voter.id);
  }

  return async function vote(voter: Account, pollId: string, choices: readonly number[]): Promise<StatusView> {
    const found = isId(pollId) ? await pollById(db, pollId) : undefined;
    if (!found) throw new NotFoundError();
    // A poll on a status the voter may not see does not exist for it.
    const status = await access.visible(voter.id, found.statusId);
    checkChoices(found, voter, choices);
    await db.transaction((tx) => count(tx, voter, pollId, choices, status.local));
    await changes.committed({ statusIds: [found.statusId], viewerIds: [voter.id] });
    return access.view(voter.id, found.statusId);
  };
}
