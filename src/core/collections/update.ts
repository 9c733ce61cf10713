// Changing a collection's name, description, language, flags or hashtag (its items change through
// add-item and remove-item).
import { collectionById, updateCollection, type NewCollection } from '../../store/collections/collections.ts';
import { collectionProblems, ownCollection, type CollectionInput, type CollectionsDeps, type CollectionView } from './deps.ts';
import { tagIdFor } from './tag.ts';
import { viewCollection } from './views.ts';

export function createUpdateCollection(deps: CollectionsDeps) {
  const { db, ids } = deps;
  return {
    async update(ownerId: string, id: string, input: CollectionInput): Promise<CollectionView> {
      const found = await ownCollection(db, ownerId, id);
      collectionProblems(input, false).throwIfAny();
      const changes: Partial<NewCollection> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.description !== undefined) changes.description = input.description.trim();
      if (input.language !== undefined) changes.language = input.language || null;
      if (input.sensitive !== undefined) changes.sensitive = input.sensitive;
      if (input.discoverable !== undefined) changes.discoverable = input.discoverable;
      if (input.tagName !== undefined) changes.tagId = input.tagName ? await tagIdFor(db, ids, input.tagName) : null;
      if (Object.keys(changes).length > 0) await updateCollection(db, found.id, changes);
      return viewCollection(db, (await collectionById(db, found.id))!, ownerId);
    },
  };
}
