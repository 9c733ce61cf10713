// Deleting a list: its members (of an exclusive one) come back to the owner's home.
import { deleteList } from '../../store/lists/lists.ts';
import { memberIdsOf } from '../../store/lists/members.ts';
import { listsChanged, ownList, type ListsDeps } from './deps.ts';

export function createDeleteList(deps: ListsDeps) {
  const { db } = deps;
  return {
    async remove(ownerId: string, id: string): Promise<void> {
      const list = await ownList(db, ownerId, id);
      const members = list.exclusive ? await memberIdsOf(db, list.id) : [];
      await deleteList(db, list.id);
      await listsChanged(deps, ownerId, members);
    },
  };
}
