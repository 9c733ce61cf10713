// A user's filters (Mastodon's v2 filters): kept here, applied to what the doors list, and
// announced to the user's open streams when they change. One file per verb.
import type { Db } from '../../store/db.ts';
import type { IdGenerator } from '../ids.ts';
import type { Live } from '../live.ts';
import { createAddKeyword } from './add-keyword.ts';
import { createAddStatus } from './add-status.ts';
import { createApplyFilters } from './apply.ts';
import { createFilterCache } from './cache.ts';
import { createCreateFilter } from './create.ts';
import { createDeleteFilter } from './delete.ts';
import { createKeywordFilters } from './keyword-filters.ts';
import { createFilterReads } from './read.ts';
import { createRemoveItem } from './remove-item.ts';
import { createUpdateFilter } from './update.ts';

export type { Filter, FilterMatch } from './match.ts';
export type { KeywordFilter, KeywordFilterInput } from './keyword-filters.ts';
export { plainText } from './match.ts';
export { FILTER_ACTIONS, FILTER_CONTEXTS, type FilterInput } from './deps.ts';

export function createFilters(deps: { db: Db; ids: IdGenerator; live: Live }) {
  const cache = createFilterCache(deps.db);
  const verbs = { ...deps, cache };
  return {
    ...createFilterReads(deps.db),
    ...createCreateFilter(verbs),
    ...createUpdateFilter(verbs),
    ...createDeleteFilter(verbs),
    ...createAddKeyword(verbs),
    ...createRemoveItem(verbs),
    ...createAddStatus(verbs),
    ...createApplyFilters(cache),
    /** the v1 API's view: one keyword of a filter each */
    v1: createKeywordFilters(verbs),
  };
}

export type Filters = ReturnType<typeof createFilters>;
