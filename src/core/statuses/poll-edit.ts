// What an edit does to a status's poll, as Mastodon: the poll it gives replaces the one there (its
// votes start over when its options or kind change), none takes it off. Its end moves with it.
import type { Db, Tx } from '../../store/db.ts';
import type { PollRow } from '../../store/schema/index.ts';
import { deletePoll, insertPoll, pollsOfStatuses, replacePoll } from '../../store/statuses/polls.ts';
import { ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import { checkPoll, type PollInput } from './poll-input.ts';

export interface PollEdit {
  before: PollRow | undefined;
  /** the poll after the edit; null: none */
  after: Pick<PollRow, 'options' | 'multiple' | 'hideTotals' | 'expiresAt'> | null;
  /** options, kind or presence differ (its end alone does not make a new version) */
  changed: boolean;
}

type PollShape = Pick<PollRow, 'options' | 'multiple' | 'hideTotals'>;

const sameOptions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((o, i) => o === b[i]);

/** Whether votes cast before an edit no longer mean anything after it (new options, or kind): they start over. */
export const votesStartOver = (before: PollShape, after: PollShape): boolean => !sameOptions(before.options, after.options) || before.multiple !== after.multiple;

/** Whether an edit makes a new version of the poll (its end alone, or its counts, do not), local or remote. */
export const pollVersionChanged = (before: PollShape | undefined | null, after: PollShape | undefined | null): boolean =>
  !before || !after ? Boolean(before) !== Boolean(after) : votesStartOver(before, after) || before.hideTotals !== after.hideTotals;

/** The edit's poll, checked; `input` undefined keeps the poll as it is. */
export async function planPollEdit(db: Db, statusId: string, input: PollInput | null | undefined, mediaCount: number): Promise<PollEdit> {
  const [before] = await pollsOfStatuses(db, [statusId]);
  if (input === undefined) return { before, after: before ?? null, changed: false };
  if (input && mediaCount > 0) throw new ValidationError({ poll: [{ error: 'ERR_INVALID', description: 'cannot be used together with media attachments' }] });
  const after = input ? checkPoll(input) : null;
  return { before, after, changed: pollVersionChanged(before, after) };
}

/**
 * Inside the edit's transaction: the poll written as planned, and a job for its new end. Answers
 * the accounts whose votes it dropped (what they see of the poll changed).
 */
export async function applyPollEdit(tx: Tx, deps: { ids: IdGenerator; jobs: Jobs }, status: { id: string; accountId: string }, plan: PollEdit): Promise<string[]> {
  const { before, after } = plan;
  if (!after) return before ? deletePoll(tx, before.id) : [];
  if (after === before) return [];
  const spec = { options: after.options, multiple: after.multiple, hideTotals: after.hideTotals, expiresAt: after.expiresAt };
  const pollId = before?.id ?? deps.ids();
  let dropped: string[] = [];
  if (before) {
    dropped = await replacePoll(tx, before.id, spec, votesStartOver(before, after));
  } else await insertPoll(tx, { id: pollId, statusId: status.id, accountId: status.accountId, ...spec, tallies: spec.options.map(() => 0) });
  if (spec.expiresAt && spec.expiresAt.getTime() !== before?.expiresAt?.getTime()) await deps.jobs.enqueue(tx, 'poll.expire', { pollId }, { runAt: spec.expiresAt });
  return dropped;
}
