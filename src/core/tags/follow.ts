// Following a hashtag: public posts carrying it come to the follower's home from now on (fan-out
// pushes them, open home streams start listening: see timelines/home-rule). Following twice is
// following once.
import { insertTagFollow } from '../../store/tags/follows.ts';
import { ensureTag } from '../../store/tags/tags.ts';
import { NotFoundError } from '../errors.ts';
import { givenTag, type TagsParts, type TagView } from './deps.ts';

export function createFollowTag(deps: TagsParts) {
  const { db, ids, changes, views } = deps;
  return {
    async follow(accountId: string, given: string): Promise<TagView> {
      const tag = givenTag(given);
      if (!tag) throw new NotFoundError();
      const row = await ensureTag(db, { id: ids(), ...tag });
      await insertTagFollow(db, { id: ids(), accountId, tagId: row.id });
      await changes.committed({ type: 'tags.followed', accountId });
      return (await views(accountId, [row]))[0]!;
    },
  };
}
