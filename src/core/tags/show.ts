// A hashtag by name, with its week and the viewer's follow and feature; one nothing used yet is
// shown all the same, with no id (as Mastodon shows it), and nothing is written.
import { tagByName } from '../../store/tags/tags.ts';
import { NotFoundError } from '../errors.ts';
import { givenTag, type TagsParts, type TagView } from './deps.ts';

export function createShowTag(deps: TagsParts) {
  const { db, history, views } = deps;
  return {
    async show(viewerId: string | null, given: string): Promise<TagView> {
      const tag = givenTag(given);
      if (!tag) throw new NotFoundError();
      const found = await tagByName(db, tag.name);
      if (found) return (await views(viewerId, [found]))[0]!;
      return { id: null, ...tag, history: history.empty(), ...(viewerId ? { following: false, featuring: false } : {}) };
    },
  };
}
