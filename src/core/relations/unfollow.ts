// Ending a follow from either side: the follower leaves, or the followed removes a follower.
import type { Account } from '../accounts/types.ts';
import { committed, targetAccount, type RelationsDeps } from './deps.ts';
import { leave, turnAway } from './end-follow.ts';
import type { Relationship } from './types.ts';

export function createUnfollow(deps: RelationsDeps) {
  return {
    async unfollow(actor: Account, targetId: string): Promise<Relationship> {
      const other = await targetAccount(deps.db, targetId);
      await deps.db.transaction((tx) => leave(deps, tx, actor, other));
      return committed(deps, 'follow', actor.id, other.id);
    },

    async removeFromFollowers(actor: Account, followerId: string): Promise<Relationship> {
      const other = await targetAccount(deps.db, followerId);
      await deps.db.transaction((tx) => turnAway(deps, tx, actor, other));
      return committed(deps, 'follow', actor.id, other.id);
    },
  };
}
