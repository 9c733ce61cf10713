// Collections (Mastodon 4.6+): an account's curated, shareable lists of accounts to follow, each
// account featured only with its consent (discoverable, no block either way) and free to revoke
// it. One file per verb.
import { createAddItem } from './add-item.ts';
import { createCreateCollection } from './create.ts';
import { createDeleteCollection } from './delete.ts';
import type { CollectionsDeps } from './deps.ts';
import { createCollectionReads } from './read.ts';
import { createRemoveItem } from './remove-item.ts';
import { createRevokeItem } from './revoke-item.ts';
import { createUpdateCollection } from './update.ts';

export type { CollectionInput, CollectionItemView, CollectionView } from './deps.ts';
export { MAX_COLLECTIONS, MAX_ITEMS } from './deps.ts';

export function createCollections(deps: CollectionsDeps) {
  return {
    ...createCollectionReads(deps.db),
    ...createCreateCollection(deps),
    ...createUpdateCollection(deps),
    ...createDeleteCollection(deps),
    ...createAddItem(deps),
    ...createRemoveItem(deps),
    ...createRevokeItem(deps),
  };
}

export type Collections = ReturnType<typeof createCollections>;
