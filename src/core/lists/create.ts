// Making a list: a title, a replies policy, exclusive or not. It has no members yet, so no cache
// holds anything it changes.
import { countLists, insertList } from '../../store/lists/lists.ts';
import type { RepliesPolicy } from '../../store/schema/index.ts';
import { listProblems, type List, type ListInput, type ListsDeps } from './deps.ts';

const MAX_LISTS = 100;

export function createCreateList(deps: ListsDeps) {
  const { db, ids } = deps;
  return {
    async create(ownerId: string, input: ListInput): Promise<List> {
      const problems = listProblems(input, true);
      if ((await countLists(db, ownerId)) >= MAX_LISTS) problems.add('base', 'ERR_INVALID', `cannot have more than ${MAX_LISTS} lists`);
      problems.throwIfAny();
      return insertList(db, {
        id: ids(),
        accountId: ownerId,
        title: input.title!.trim(),
        repliesPolicy: (input.repliesPolicy as RepliesPolicy | undefined) ?? 'list',
        exclusive: input.exclusive ?? false,
      });
    },
  };
}
