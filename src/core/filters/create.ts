// Making a filter with its keywords; an account has at most a hundred.
import { countFilters, insertFilter } from '../../store/filters/filters.ts';
import { insertKeywords } from '../../store/filters/items.ts';
import type { FilterAction, FilterContext } from '../../store/schema/index.ts';
import { Problems } from '../errors.ts';
import { checkFilter, expiry, filtersChanged, type FilterInput, type FiltersDeps } from './deps.ts';
import type { Filter } from './match.ts';
import { oneFilter } from './read.ts';

const MAX_FILTERS = 100;

export function createCreateFilter(deps: FiltersDeps) {
  const { db, ids } = deps;
  return {
    async create(accountId: string, input: FilterInput): Promise<Filter> {
      checkFilter(input, true);
      const id = ids();
      await db.transaction(async (tx) => {
        if ((await countFilters(tx, accountId, MAX_FILTERS)) >= MAX_FILTERS) {
          const problems = new Problems();
          problems.add('base', 'ERR_TOO_LONG', `at most ${MAX_FILTERS} filters`);
          problems.throwIfAny();
        }
        await insertFilter(tx, {
          id,
          accountId,
          title: input.title!.trim(),
          contexts: input.contexts as FilterContext[],
          action: (input.action ?? 'warn') as FilterAction,
          expiresAt: expiry(input.expiresIn),
        });
        const keywords = (input.keywords ?? []).filter((k) => !k.destroy);
        if (keywords.length > 0)
          await insertKeywords(
            tx,
            keywords.map((k) => ({ id: ids(), filterId: id, keyword: k.keyword!.trim(), wholeWord: k.wholeWord ?? true })),
          );
      });
      await filtersChanged(deps, accountId);
      return oneFilter(db, accountId, id);
    },
  };
}
