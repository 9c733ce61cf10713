// Taking accounts out of a list (ids that are no account's are passed over).
import { deleteMembers } from '../../store/lists/members.ts';
import { isId } from '../ids.ts';
import { listsChanged, ownList, type ListsDeps } from './deps.ts';

export function createRemoveAccounts(deps: ListsDeps) {
  const { db } = deps;
  return {
    async removeMembers(ownerId: string, id: string, accountIds: string[]): Promise<void> {
      const list = await ownList(db, ownerId, id);
      const valid = accountIds.filter((a) => isId(a));
      if (valid.length > 0) await deleteMembers(db, list.id, valid);
      await listsChanged(deps, ownerId, list.exclusive ? valid : []);
    },
  };
}
