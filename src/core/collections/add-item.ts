// Featuring one more account in a collection: it must consent (deps' mayFeature), appear only
// once (a revoked item keeps it out), and the collection holds at most MAX_ITEMS live items.
import { lockCollection } from '../../store/collections/collections.ts';
import { featureCandidates, insertItems, itemTally } from '../../store/collections/items.ts';
import { NotFoundError, Problems } from '../errors.ts';
import { isId } from '../ids.ts';
import { checkCandidates, MAX_ITEMS, ownCollection, type CollectionItemView, type CollectionsDeps } from './deps.ts';

export function createAddItem(deps: CollectionsDeps) {
  const { db, ids } = deps;
  return {
    async addItem(ownerId: string, collectionId: string, accountId: string): Promise<CollectionItemView> {
      const found = await ownCollection(db, ownerId, collectionId);
      if (!isId(accountId)) throw new NotFoundError();
      checkCandidates([accountId], await featureCandidates(db, ownerId, [accountId]));
      const item: CollectionItemView = { id: ids(), accountId, state: 'accepted', createdAt: new Date() };
      await db.transaction(async (tx) => {
        await lockCollection(tx, found.id);
        const tally = await itemTally(tx, found.id, accountId);
        const problems = new Problems();
        if (tally.present) problems.add('account_id', 'ERR_TAKEN', 'has already been taken');
        else if (tally.live >= MAX_ITEMS) problems.add('collection_items', 'ERR_INVALID', `are too many (maximum is ${MAX_ITEMS})`);
        problems.throwIfAny();
        await insertItems(tx, [{ ...item, collectionId: found.id, position: tally.next }]);
      });
      return item;
    },
  };
}
