// Making a collection: its name and the rest, and the accounts it features from the start (each
// must consent to being featured: see deps' mayFeature). Local accounts are accepted at once.
import { collectionById, countCollections, insertCollection } from '../../store/collections/collections.ts';
import { featureCandidates, insertItems } from '../../store/collections/items.ts';
import { isId } from '../ids.ts';
import { NotFoundError } from '../errors.ts';
import { checkCandidates, collectionProblems, MAX_COLLECTIONS, MAX_ITEMS, type CollectionInput, type CollectionsDeps, type CollectionView } from './deps.ts';
import { tagIdFor } from './tag.ts';
import { viewCollection } from './views.ts';

export function createCreateCollection(deps: CollectionsDeps) {
  const { db, ids } = deps;
  return {
    async create(ownerId: string, input: CollectionInput & { accountIds?: string[] | undefined }): Promise<CollectionView> {
      const problems = collectionProblems(input, true);
      const wanted = [...new Set(input.accountIds ?? [])];
      if (wanted.length > MAX_ITEMS) problems.add('collection_items', 'ERR_INVALID', `are too many (maximum is ${MAX_ITEMS})`);
      if ((await countCollections(db, ownerId)) >= MAX_COLLECTIONS) problems.add('base', 'ERR_INVALID', `cannot have more than ${MAX_COLLECTIONS} collections`);
      problems.throwIfAny();
      if (!wanted.every((id) => isId(id))) throw new NotFoundError();
      checkCandidates(wanted, await featureCandidates(db, ownerId, wanted));
      const id = ids();
      await db.transaction(async (tx) => {
        await insertCollection(tx, {
          id,
          accountId: ownerId,
          name: input.name!.trim(),
          description: input.description?.trim() ?? '',
          language: input.language || null,
          sensitive: input.sensitive ?? false,
          discoverable: input.discoverable ?? true,
          tagId: input.tagName ? await tagIdFor(tx, ids, input.tagName) : null,
        });
        await insertItems(
          tx,
          wanted.map((accountId, i) => ({ id: ids(), collectionId: id, accountId, state: 'accepted' as const, position: i + 1 })),
        );
      });
      return viewCollection(db, (await collectionById(db, id))!, ownerId);
    },
  };
}
