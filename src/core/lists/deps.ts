// What the list verbs share: their dependencies, the owner's list, checking input, announcing a change.
import type { Db } from '../../store/db.ts';
import { listOf } from '../../store/lists/lists.ts';
import type { ListRow, RepliesPolicy } from '../../store/schema/index.ts';
import type { Changes } from '../changes.ts';
import { NotFoundError, Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { isId } from '../ids.ts';

export type List = ListRow;

export const REPLIES_POLICIES: RepliesPolicy[] = ['followed', 'list', 'none'];
const MAX_TITLE = 256;

export interface ListInput {
  title?: string | undefined;
  repliesPolicy?: string | undefined;
  exclusive?: boolean | undefined;
}

export interface ListsDeps {
  db: Db;
  ids: IdGenerator;
  changes: Changes;
}

/** The owner's list of this id; not found for anyone else's. */
export async function ownList(db: Db, ownerId: string, id: string): Promise<List> {
  if (!isId(id)) throw new NotFoundError();
  const found = await listOf(db, ownerId, id);
  if (!found) throw new NotFoundError();
  return found;
}

/** What is wrong with a new list (`creating`) or with the fields given to change one. */
export function listProblems(input: ListInput, creating: boolean): Problems {
  const problems = new Problems();
  if (creating || input.title !== undefined) {
    if (!input.title?.trim()) problems.add('title', 'ERR_BLANK', "can't be blank");
    else if (input.title.length > MAX_TITLE) problems.add('title', 'ERR_TOO_LONG', `is too long (maximum is ${MAX_TITLE} characters)`);
  }
  if (input.repliesPolicy !== undefined && !REPLIES_POLICIES.includes(input.repliesPolicy as RepliesPolicy)) {
    problems.add('replies_policy', 'ERR_INCLUSION', `must be one of ${REPLIES_POLICIES.join(', ')}`);
  }
  return problems;
}

/** Announces a committed change to the owner's lists; `members` entered or left an exclusive list. */
export function listsChanged(deps: ListsDeps, ownerId: string, members: readonly string[] = []): Promise<void> {
  return deps.changes.committed({ type: 'lists.changed', accountId: ownerId, members });
}
