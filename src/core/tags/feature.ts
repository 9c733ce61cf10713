// Featuring a hashtag on one's profile (at most ten, as Mastodon): counted at once from the posts
// that carry it; featuring it again changes nothing.
import { countFeatured, featuredOne, insertFeatured } from '../../store/tags/featured.ts';
import { ensureTag } from '../../store/tags/tags.ts';
import { Problems } from '../errors.ts';
import { givenTag, type FeaturedTagView, type TagsDeps } from './deps.ts';

export const MAX_FEATURED_TAGS = 10;

export function createFeatureTag(deps: TagsDeps) {
  const { db, ids } = deps;
  return {
    async feature(accountId: string, given: string): Promise<FeaturedTagView> {
      const tag = givenTag(given);
      const problems = new Problems();
      if (!tag) problems.add('name', 'ERR_INVALID', 'is not a valid hashtag');
      problems.throwIfAny();
      const row = await ensureTag(db, { id: ids(), ...tag! });
      const already = await featuredOne(db, accountId, row.id);
      if (already) return already;
      if ((await countFeatured(db, accountId)) >= MAX_FEATURED_TAGS) problems.add('base', 'ERR_INVALID', `cannot feature more than ${MAX_FEATURED_TAGS} hashtags`);
      problems.throwIfAny();
      await insertFeatured(db, { id: ids(), accountId, tagId: row.id });
      return (await featuredOne(db, accountId, row.id))!;
    },
  };
}
