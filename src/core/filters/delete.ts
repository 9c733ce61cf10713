// Deleting a filter, with its keywords and listed statuses.
import { deleteFilter } from '../../store/filters/filters.ts';
import { filtersChanged, type FiltersDeps } from './deps.ts';
import { oneFilter } from './read.ts';

export function createDeleteFilter(deps: FiltersDeps) {
  const { db } = deps;
  return {
    async remove(accountId: string, id: string): Promise<void> {
      const current = await oneFilter(db, accountId, id);
      await deleteFilter(db, current.id);
      await filtersChanged(deps, accountId);
    },
  };
}
