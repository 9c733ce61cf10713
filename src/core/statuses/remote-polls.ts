// Polls across servers: a remote status's poll as its server describes it (kept, its counts
// replaced by each update), and votes other servers send for our polls (one choice per vote) and
// who sent them.
import type { Db, Tx } from '../../store/db.ts';
import type { PollRow } from '../../store/schema/index.ts';
import {
  aLocalVoter,
  choicesOf,
  deletePoll,
  insertPoll,
  lockedPoll,
  pollById,
  pollsOfStatuses,
  recordVote,
  remoteVoterIds,
  replacePoll,
  updateRemotePoll,
  votesByIds,
} from '../../store/statuses/polls.ts';
import type { Account } from '../accounts/service.ts';
import { NotFoundError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import { pollVersionChanged, votesStartOver } from './poll-edit.ts';
import { pollExpired } from './poll-input.ts';
import type { PollNews } from './poll-news.ts';
import { refreshAtEnd } from './remote-poll-refresh.ts';
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

/** What receiving a remote poll did: its options before and after (for the history), and what moved. */
export interface RemotePollWrite {
  optionsBefore: string[] | null;
  optionsAfter: string[] | null;
  /** options, kind or presence differ: a new version of the status (the same rule as a local edit's) */
  changed: boolean;
  /** anything of it differs, its counts included */
  moved: boolean;
  /** the accounts whose votes the change dropped */
  dropped: string[];
}

/**
 * When it ends, as Mastodon reads it: a poll its server says is closed ended then (or now, if it
 * does not say when); its end is never moved again once past.
 */
function endOf(input: RemotePollInput, before: PollRow | undefined, now = Date.now()): Date | null {
  if (!input.closed) return input.expiresAt;
  const past = (d: Date | null | undefined) => (d && d.getTime() <= now ? d : null);
  return past(input.expiresAt) ?? past(before?.expiresAt) ?? new Date(now);
}

/**
 * Inside the receiving transaction: the status's poll as its server now describes it (null: none;
 * undefined: a kind of post that has none, left as it is). When its end moves, a local voter's
 * read of it at its end moves too (see remote-poll-refresh).
 */
export async function writeRemotePoll(tx: Tx, deps: { ids: IdGenerator; jobs: Jobs }, status: { id: string; accountId: string }, input: RemotePollInput | null | undefined): Promise<RemotePollWrite> {
  const [before] = await pollsOfStatuses(tx, [status.id]);
  const optionsBefore = before?.options ?? null;
  if (input === undefined) return { optionsBefore, optionsAfter: optionsBefore, changed: false, moved: false, dropped: [] };
  if (!input || input.options.length === 0) {
    const dropped = before ? await deletePoll(tx, before.id) : [];
    return { optionsBefore, optionsAfter: null, changed: before !== undefined, moved: before !== undefined, dropped };
  }
  const after = { options: input.options.slice(0, MAX_REMOTE_OPTIONS), multiple: input.multiple, hideTotals: false };
  const tallies = after.options.map((_, i) => Math.max(0, Math.trunc(input.tallies[i] ?? 0)));
  const state = { tallies, votersCount: input.votersCount ?? tallies.reduce((a, b) => a + b, 0), expiresAt: endOf(input, before) };
  const changed = pollVersionChanged(before, after);
  if (!before) {
    await insertPoll(tx, { id: deps.ids(), statusId: status.id, accountId: status.accountId, ...after, ...state, lastFetchedAt: new Date() });
    return { optionsBefore, optionsAfter: after.options, changed, moved: true, dropped: [] };
  }
  const dropped = changed ? await replacePoll(tx, before.id, { ...after, expiresAt: state.expiresAt }, votesStartOver(before, after)) : [];
  await updateRemotePoll(tx, before.id, state);
  if (state.expiresAt?.getTime() !== before.expiresAt?.getTime()) {
    const voter = await aLocalVoter(tx, before.id);
    if (voter) await refreshAtEnd(tx, deps.jobs, { id: before.id, expiresAt: state.expiresAt }, voter);
  }
  return { optionsBefore, optionsAfter: after.options, changed, moved: true, dropped };
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

/** The remote accounts that voted in a local status's poll: its new counts go to their servers too, as Mastodon sends them. */
export const createRemoteVoters = (db: Db) => (statusId: string) => remoteVoterIds(db, statusId);

/** Votes of ours in a remote poll, to send to its author: each with the title of its option. */
export function createVotesToSend(db: Db) {
  return async function votesToSend(pollId: string, voteIds: readonly string[]): Promise<{ statusId: string; votes: { id: string; title: string }[] } | null> {
    const poll = await pollById(db, pollId);
    if (!poll) return null;
    const votes = await votesByIds(db, voteIds);
    return { statusId: poll.statusId, votes: votes.map((v) => ({ id: v.id, title: poll.options[v.choice] ?? '' })).filter((v) => v.title !== '') };
  };
}
