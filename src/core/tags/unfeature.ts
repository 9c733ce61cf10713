// No longer featuring a hashtag: by the featured tag's id (one not the account's is not found) or
// by the tag's name (one not featured changes nothing).
import { deleteFeatured } from '../../store/tags/featured.ts';
import { tagByName } from '../../store/tags/tags.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { givenTag, type TagsDeps } from './deps.ts';

export function createUnfeatureTag(deps: TagsDeps) {
  const { db } = deps;
  return {
    async unfeature(accountId: string, featuredId: string): Promise<void> {
      if (!isId(featuredId) || !(await deleteFeatured(db, accountId, { id: featuredId }))) throw new NotFoundError();
    },

    async unfeatureByName(accountId: string, given: string): Promise<void> {
      const tag = givenTag(given);
      if (!tag) throw new NotFoundError();
      const row = await tagByName(db, tag.name);
      if (row) await deleteFeatured(db, accountId, { tagId: row.id });
    },
  };
}
