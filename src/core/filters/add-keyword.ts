// Adding one keyword to a filter (the v2 keywords route): a change of the filter's keywords.
import type { FiltersDeps } from './deps.ts';
import type { FilterKeyword } from './match.ts';
import { updateFilter } from './update.ts';

export function createAddKeyword(deps: FiltersDeps) {
  return {
    async addKeyword(accountId: string, filterId: string, keyword: string | undefined, wholeWord: boolean | undefined): Promise<FilterKeyword> {
      const f = await updateFilter(deps, accountId, filterId, { keywords: [{ keyword, wholeWord }] });
      return f.keywords.at(-1)!;
    },
  };
}
