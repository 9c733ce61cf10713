// Adding accounts to a list: Mastodon only lets you list accounts you follow.
import { followedAmong, insertMembers } from '../../store/lists/members.ts';
import { Problems } from '../errors.ts';
import { isId } from '../ids.ts';
import { listsChanged, ownList, type ListsDeps } from './deps.ts';

export function createAddAccounts(deps: ListsDeps) {
  const { db, ids } = deps;
  return {
    async addMembers(ownerId: string, id: string, accountIds: string[]): Promise<void> {
      const list = await ownList(db, ownerId, id);
      const wanted = [...new Set(accountIds)];
      const problems = new Problems();
      if (wanted.length === 0) problems.add('account_ids', 'ERR_BLANK', "can't be blank");
      const followed = await followedAmong(
        db,
        ownerId,
        wanted.filter((a) => isId(a)),
      );
      if (wanted.some((a) => !followed.has(a))) problems.add('account_ids', 'ERR_INVALID', 'must be accounts you follow');
      problems.throwIfAny();
      await insertMembers(
        db,
        wanted.map((accountId) => ({ id: ids(), listId: list.id, accountId })),
      );
      await listsChanged(deps, ownerId, list.exclusive ? wanted : []);
    },
  };
}
