// The featured account withdrawing its consent: its item becomes revoked and stays, so the owner
// cannot add it again. Only the featured account may do this.
import { itemOf, setItemState } from '../../store/collections/items.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { findCollection, type CollectionsDeps } from './deps.ts';

export function createRevokeItem(deps: CollectionsDeps) {
  const { db } = deps;
  return {
    async revokeItem(actorId: string, collectionId: string, itemId: string): Promise<void> {
      const found = await findCollection(db, collectionId);
      const item = isId(itemId) ? await itemOf(db, found.id, itemId) : undefined;
      if (!item) throw new NotFoundError();
      if (item.accountId !== actorId) throw new ForbiddenError();
      await setItemState(db, item.id, 'revoked');
    },
  };
}
