// Polls across servers: a remote status's poll as its server describes it (kept, its counts
// replaced by each update), and votes other servers send for our polls (one choice per vote).
import type { Db, Tx } from '../../store/db.ts';
import type { PollRow } from '../../store/schema/index.ts';
import { choicesOf, deletePoll, insertPoll, lockedPoll, pollById, pollsOfStatuses, recordVote, replacePoll, updateRemotePoll, votesByIds } from '../../store/statuses/polls.ts';
import type { Account } from '../accounts/service.ts';
import { NotFoundError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import { pollExpired } from './poll-input.ts';
import type { PollNews } from './poll-news.ts';
import { refuse } from './vote.ts';

export interface RemotePollInput {
  options: string[];
  /** votes per option, as its server counts them */
  tallies: number[];
  multiple: boolean;
  expiresAt: Date | null;
  closed: boolean;
  votersCount: number | null;
}

const MAX_REMOTE_OPTIONS = 20;
const sameOptions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((o, i) => o === b[i]);

/** Inside the receiving transaction: the status's poll as its server now describes it (null: none). Answers whether it changed. */
export async function writeRemotePoll(tx: Tx, ids: IdGenerator, status: { id: string; accountId: string }, input: RemotePollInput | null): Promise<boolean> {
  const [before] = await pollsOfStatuses(tx, [status.id]);
  if (!input || input.options.length === 0) {
    if (before) await deletePoll(tx, before.id);
    return before !== undefined;
  }
  const options = input.options.slice(0, MAX_REMOTE_OPTIONS);
  const tallies = options.map((_, i) => Math.max(0, Math.trunc(input.tallies[i] ?? 0)));
  const state = { tallies, votersCount: input.votersCount ?? tallies.reduce((a, b) => a + b, 0), expiresAt: input.expiresAt, closedAt: input.closed ? (before?.closedAt ?? new Date()) : null };
  if (!before) {
    await insertPoll(tx, { id: ids(), statusId: status.id, accountId: status.accountId, options, multiple: input.multiple, hideTotals: false, ...state, lastFetchedAt: new Date() });
    return true;
  }
  if (!sameOptions(before.options, options) || before.multiple !== input.multiple)
    await replacePoll(tx, before.id, { options, multiple: input.multiple, hideTotals: false, expiresAt: input.expiresAt }, true);
  await updateRemotePoll(tx, before.id, state);
  return true;
}

/** A vote another server sent for one of our polls: one option, named by its title. */
export function createRemoteVote(deps: { db: Db; ids: IdGenerator; pollNews: PollNews; access: StatusAccess; changes: StatusChanges }) {
  const { db, ids, pollNews, access, changes } = deps;

  async function count(tx: Tx, voter: Account, poll: PollRow, choice: number, uri: string): Promise<void> {
    const locked = await lockedPoll(tx, poll.id);
    if (!locked || pollExpired(locked)) throw refuse('the poll has ended');
    const earlier = await choicesOf(tx, poll.id, voter.id);
    if (earlier.includes(choice) || (!locked.multiple && earlier.length > 0)) throw refuse('already voted');
    await recordVote(tx, locked, { accountId: voter.id, newVoter: earlier.length === 0, choices: [{ id: ids(), choice, uri }] });
    await pollNews(tx, poll.statusId);
  }

  return async function receiveVote(voter: Account, statusId: string, title: string, uri: string): Promise<void> {
    // A poll the voter may not see takes no vote from it.
    await access.visible(voter.id, statusId);
    const [poll] = await pollsOfStatuses(db, [statusId]);
    const choice = poll ? poll.options.indexOf(title) : -1;
    if (!poll || choice < 0) throw new NotFoundError('no such poll option');
    await db.transaction((tx) => count(tx, voter, poll, choice, uri));
    await changes.committed({ statusIds: [statusId] });
  };
}

/** Votes of ours in a remote poll, to send to its author: each with the title of its option. */
export function createVotesToSend(db: Db) {
  return async function votesToSend(pollId: string, voteIds: readonly string[]): Promise<{ statusId: string; votes: { id: string; title: string }[] } | null> {
    const poll = await pollById(db, pollId);
    if (!poll) return null;
    const votes = await votesByIds(db, voteIds);
    return { statusId: poll.statusId, votes: votes.map((v) => ({ id: v.id, title: poll.options[v.choice] ?? '' })).filter((v) => v.title !== '') };
  };
}
