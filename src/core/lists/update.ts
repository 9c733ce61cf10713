// Changing a list's title, replies policy or exclusiveness.
import { memberIdsOf } from '../../store/lists/members.ts';
import { updateList } from '../../store/lists/lists.ts';
import type { RepliesPolicy } from '../../store/schema/index.ts';
import { listProblems, listsChanged, ownList, type List, type ListInput, type ListsDeps } from './deps.ts';

export function createUpdateList(deps: ListsDeps) {
  const { db } = deps;
  return {
    async update(ownerId: string, id: string, input: ListInput): Promise<List> {
      const list = await ownList(db, ownerId, id);
      listProblems(input, false).throwIfAny();
      const changes: Partial<List> = {};
      if (input.title !== undefined) changes.title = input.title.trim();
      if (input.repliesPolicy !== undefined) changes.repliesPolicy = input.repliesPolicy as RepliesPolicy;
      if (input.exclusive !== undefined) changes.exclusive = input.exclusive;
      if (Object.keys(changes).length === 0) return list;
      const updated = await updateList(db, list.id, changes);
      // Becoming exclusive (or not) changes what the owner's open home streams listen to, a new
      // replies policy what their list streams show.
      const exclusiveChanged = changes.exclusive !== undefined && changes.exclusive !== list.exclusive;
      if (exclusiveChanged || (changes.repliesPolicy !== undefined && changes.repliesPolicy !== list.repliesPolicy)) {
        await listsChanged(deps, ownerId, exclusiveChanged ? await memberIdsOf(db, list.id) : []);
      }
      return updated;
    },
  };
}
