// Listing a status in a filter: it matches whatever it says.
import { insertFilterStatus, statusExists } from '../../store/filters/items.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { filtersChanged, type FiltersDeps } from './deps.ts';
import { oneFilter } from './read.ts';

export function createAddStatus(deps: FiltersDeps) {
  const { db, ids } = deps;
  return {
    async addStatus(accountId: string, filterId: string, statusId: string): Promise<{ id: string; statusId: string }> {
      const f = await oneFilter(db, accountId, filterId);
      if (!isId(statusId) || !(await statusExists(db, statusId))) throw new NotFoundError();
      const row = await insertFilterStatus(db, { id: ids(), filterId: f.id, statusId });
      await filtersChanged(deps, accountId);
      return row ? { id: row.id, statusId: row.statusId } : (await oneFilter(db, accountId, filterId)).statuses.find((s) => s.statusId === statusId)!;
    },
  };
}
