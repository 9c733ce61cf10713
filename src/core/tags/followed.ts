// The hashtags an account follows, a page at a time (most recently followed first), and their
// names for its open home streams.
import { followedTagNames, followedTagRows } from '../../store/tags/follows.ts';
import { paged, readPage, type Page, type Paged } from '../pagination.ts';
import type { TagsParts, TagView } from './deps.ts';

export function createFollowedTags(deps: TagsParts) {
  const { db, views } = deps;
  return {
    async followed(accountId: string, page: Page): Promise<Paged<TagView & { cursor: string }>> {
      const rows = await readPage(page, (over) => followedTagRows(db, accountId, { over, limit: page.limit }));
      const seen = await views(
        accountId,
        rows.map((r) => r.tag),
      );
      return paged(
        rows.map((r, i) => ({ ...seen[i]!, cursor: r.cursor })),
        (v) => v.cursor,
      );
    },

    /** The (lower-case) names of the tags an account follows. */
    followedNames: (accountId: string): Promise<string[]> => followedTagNames(db, accountId),
  };
}
