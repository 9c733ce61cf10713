// Reading featured hashtags: an account's (its profile's), and the owner's suggestions, the tags it
// used most lately and does not feature yet.
import { featuredOf, suggestedTags } from '../../store/tags/featured.ts';
import type { FeaturedTagView, TagsParts, TagView } from './deps.ts';

const SUGGESTIONS = 10;

export function createFeaturedTags(deps: TagsParts) {
  const { db, views } = deps;
  return {
    featuredOf: (accountId: string): Promise<FeaturedTagView[]> => featuredOf(db, accountId),
    suggestions: async (accountId: string): Promise<TagView[]> => views(accountId, await suggestedTags(db, accountId, SUGGESTIONS)),
  };
}
