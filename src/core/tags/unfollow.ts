// Unfollowing a hashtag: its posts stop coming to the home (those already there stay, as in
// Mastodon). Unfollowing a tag not followed changes nothing.
import { deleteTagFollow } from '../../store/tags/follows.ts';
import { tagByName } from '../../store/tags/tags.ts';
import { NotFoundError } from '../errors.ts';
import { givenTag, type TagsParts, type TagView } from './deps.ts';

export function createUnfollowTag(deps: TagsParts) {
  const { db, changes, history, views } = deps;
  return {
    async unfollow(accountId: string, given: string): Promise<TagView> {
      const tag = givenTag(given);
      if (!tag) throw new NotFoundError();
      const row = await tagByName(db, tag.name);
      if (!row) return { id: null, ...tag, history: history.empty(), following: false, featuring: false };
      await deleteTagFollow(db, accountId, row.id);
      await changes.committed({ type: 'tags.followed', accountId });
      return (await views(accountId, [row]))[0]!;
    },
  };
}
