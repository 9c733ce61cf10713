// Blocking ends follows and requests both ways; a remote account's server hears of it.
import { deleteBlock, insertBlock } from '../../store/relations/blocks.ts';
import { deleteRequestsBetween } from '../../store/relations/requests.ts';
import type { Account } from '../accounts/types.ts';
import { ForbiddenError } from '../errors.ts';
import { isRemote } from '../outbox.ts';
import { committed, targetAccount, type RelationsDeps } from './deps.ts';
import { endFollow } from './end-follow.ts';
import type { Relationship } from './types.ts';

export function createBlock(deps: RelationsDeps) {
  const { db, ids, outbox } = deps;
  return {
    async block(actor: Account, targetId: string): Promise<Relationship> {
      const other = await targetAccount(db, targetId);
      if (other.id === actor.id) throw new ForbiddenError('You cannot block yourself');
      await db.transaction(async (tx) => {
        const made = await insertBlock(tx, ids(), actor.id, other.id);
        await endFollow(deps, tx, actor.id, other.id);
        await endFollow(deps, tx, other.id, actor.id);
        await deleteRequestsBetween(tx, actor.id, other.id);
        if (made && isRemote(other) && !isRemote(actor)) await outbox.publish(tx, { type: 'block', blockId: made, accountId: actor.id, targetId: other.id });
      });
      return committed(deps, 'block', actor.id, other.id);
    },

    async unblock(actor: Account, targetId: string): Promise<Relationship> {
      const other = await targetAccount(db, targetId);
      await db.transaction(async (tx) => {
        const gone = await deleteBlock(tx, actor.id, other.id);
        if (gone && isRemote(other) && !isRemote(actor)) await outbox.publish(tx, { type: 'unblock', blockId: gone, accountId: actor.id, targetId: other.id });
      });
      return committed(deps, 'block', actor.id, other.id);
    },
  };
}
