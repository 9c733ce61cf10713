// Reading collections: one by id, an account's (its discoverable ones to others), and those
// featuring the reader. An owner who blocks the reader shows nothing.
import type { Db } from '../../store/db.ts';
import { collectionsFeaturing, collectionsOf } from '../../store/collections/collections.ts';
import { ownerShutsOut } from '../../store/collections/items.ts';
import { targetAccount } from '../relations/deps.ts';
import { ForbiddenError } from '../errors.ts';
import { findCollection, type CollectionView } from './deps.ts';
import { viewCollection, viewCollections } from './views.ts';

export interface OffsetPage {
  offset: number;
  limit: number;
}

export function createCollectionReads(db: Db) {
  return {
    /** A collection and the accounts it shows (its owner first), forbidden to those its owner blocks. */
    async show(viewerId: string | null, id: string): Promise<{ collection: CollectionView; accountIds: string[] }> {
      const found = await findCollection(db, id);
      if (viewerId && (await ownerShutsOut(db, found.accountId, viewerId))) throw new ForbiddenError();
      const collection = await viewCollection(db, found, viewerId);
      return { collection, accountIds: [found.accountId, ...collection.items.map((i) => i.accountId)] };
    },

    /** An account's collections, newest first: all of them to itself, the discoverable ones to others. */
    async ofAccount(viewerId: string | null, accountId: string, page: OffsetPage): Promise<CollectionView[]> {
      const owner = await targetAccount(db, accountId);
      if (viewerId && viewerId !== owner.id && (await ownerShutsOut(db, owner.id, viewerId))) return [];
      const records = await collectionsOf(db, owner.id, { discoverableOnly: viewerId !== owner.id, ...page });
      return viewCollections(db, records, viewerId);
    },

    /** The collections featuring the reader (pending or accepted); nobody else may ask. */
    async featuring(viewerId: string, accountId: string, page: OffsetPage): Promise<CollectionView[]> {
      const account = await targetAccount(db, accountId);
      if (account.id !== viewerId) throw new ForbiddenError();
      return viewCollections(db, await collectionsFeaturing(db, account.id, page), viewerId);
    },
  };
}
