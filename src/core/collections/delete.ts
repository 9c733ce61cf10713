// Deleting a collection, with its items.
import { deleteCollection } from '../../store/collections/collections.ts';
import { ownCollection, type CollectionsDeps } from './deps.ts';

export function createDeleteCollection(deps: CollectionsDeps) {
  const { db } = deps;
  return {
    async remove(ownerId: string, id: string): Promise<void> {
      const found = await ownCollection(db, ownerId, id);
      await deleteCollection(db, found.id);
    },
  };
}
