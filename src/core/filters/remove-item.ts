// Taking a keyword or a listed status out of the account's filter that holds it.
import { deleteItem, type FilterItemKind } from '../../store/filters/items.ts';
import { filtersChanged, type FiltersDeps } from './deps.ts';
import { ownerOf } from './read.ts';

export function createRemoveItem(deps: FiltersDeps) {
  const { db } = deps;
  return {
    async removeItem(accountId: string, kind: FilterItemKind, itemId: string): Promise<void> {
      await ownerOf(db, accountId, kind, itemId);
      await deleteItem(db, kind, itemId);
      await filtersChanged(deps, accountId);
    },
  };
}
