// The owner taking an item out of a collection: it is gone, and the account may be added again.
import { deleteItem, itemOf } from '../../store/collections/items.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { ownCollection, type CollectionsDeps } from './deps.ts';

export function createRemoveItem(deps: CollectionsDeps) {
  const { db } = deps;
  return {
    async removeItem(ownerId: string, collectionId: string, itemId: string): Promise<void> {
      const found = await ownCollection(db, ownerId, collectionId);
      const item = isId(itemId) ? await itemOf(db, found.id, itemId) : undefined;
      if (!item) throw new NotFoundError();
      await deleteItem(db, item.id);
    },
  };
}
