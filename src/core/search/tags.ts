// Searching hashtags: by the start of the name, `#` or not, the exact one first.
import type { Db } from '../../store/db.ts';
import { type TagMatch, tagsStartingWith } from '../../store/search/tags.ts';

export type { TagMatch };

export function createTagSearch(deps: { db: Db }) {
  return async (query: string, page: { limit: number; offset: number }): Promise<TagMatch[]> => {
    const name = query.trim().replace(/^#/, '').toLowerCase();
    return name ? tagsStartingWith(deps.db, name, page) : [];
  };
}
