// Changing a filter: its fields, and its keywords added, changed or destroyed.
import type { DbOrTx } from '../../store/db.ts';
import { updateFilterRow } from '../../store/filters/filters.ts';
import { deleteKeyword, insertKeywords, updateKeyword } from '../../store/filters/items.ts';
import type { FilterAction, FilterContext } from '../../store/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { checkFilter, expiry, filtersChanged, type FilterInput, type FiltersDeps } from './deps.ts';
import type { Filter } from './match.ts';
import { oneFilter } from './read.ts';

/** Applies the keywords given: those with an id must be the filter's own. */
async function changeKeywords(tx: DbOrTx, ids: IdGenerator, current: Filter, keywords: NonNullable<FilterInput['keywords']>): Promise<void> {
  for (const k of keywords) {
    const mine = k.id ? current.keywords.find((x) => x.id === k.id) : undefined;
    if (k.id && !mine) throw new NotFoundError();
    if (mine && k.destroy) await deleteKeyword(tx, mine.id);
    else if (mine && (k.keyword !== undefined || k.wholeWord !== undefined)) {
      await updateKeyword(tx, mine.id, { ...(k.keyword !== undefined ? { keyword: k.keyword.trim() } : {}), ...(k.wholeWord !== undefined ? { wholeWord: k.wholeWord } : {}) });
    } else if (!mine && !k.destroy) await insertKeywords(tx, [{ id: ids(), filterId: current.id, keyword: k.keyword!.trim(), wholeWord: k.wholeWord ?? true }]);
  }
}

/** Changes the account's filter; the filter as it now is. */
export async function updateFilter(deps: FiltersDeps, accountId: string, id: string, input: FilterInput): Promise<Filter> {
  const { db, ids } = deps;
  const current = await oneFilter(db, accountId, id);
  checkFilter(input, false);
  await db.transaction(async (tx) => {
    const changes = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.contexts !== undefined ? { contexts: input.contexts as FilterContext[] } : {}),
      ...(input.action !== undefined ? { action: input.action as FilterAction } : {}),
      ...(input.expiresIn !== undefined ? { expiresAt: expiry(input.expiresIn) } : {}),
    };
    if (Object.keys(changes).length > 0) await updateFilterRow(tx, current.id, changes);
    await changeKeywords(tx, ids, current, input.keywords ?? []);
  });
  await filtersChanged(deps, accountId);
  return oneFilter(db, accountId, id);
}

export function createUpdateFilter(deps: FiltersDeps) {
  return {
    update: (accountId: string, id: string, input: FilterInput): Promise<Filter> => updateFilter(deps, accountId, id, input),
  };
}
