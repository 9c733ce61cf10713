// The languages a user reads (Mastodon's chosen_languages): which version of a post they see
// first (see statuses/versions). Null: every language, none preferred.
import type { Db } from '../../store/db.ts';
import { updateUser } from '../../store/accounts/users.ts';
import type { Changes } from '../changes.ts';
import { Problems } from '../errors.ts';
import { isKnownLanguage, MAX_VERSIONS } from '../statuses/versions.ts';

export function createReadingLanguages(deps: { db: Db; changes: Changes }) {
  const { db, changes } = deps;
  return {
    async setReadingLanguages(user: { id: string; accountId: string }, languages: readonly string[] | null): Promise<string[] | null> {
      const problems = new Problems();
      const unique = languages === null ? null : [...new Set(languages)];
      for (const code of unique ?? []) if (!isKnownLanguage(code)) problems.add('languages', 'ERR_INCLUSION', `${code} is not a known language code`);
      // A reader reads a few languages; a post has at most this many besides its own.
      if (unique && unique.length > MAX_VERSIONS + 1) problems.add('languages', 'ERR_TOO_LONG', 'are too many');
      problems.throwIfAny();
      const chosen = unique && unique.length > 0 ? unique : null;
      await updateUser(db, user.id, { chosenLanguages: chosen, updatedAt: new Date() });
      await changes.committed({ type: 'profile.updated', accountId: user.accountId, userId: user.id });
      return chosen;
    },
  };
}
