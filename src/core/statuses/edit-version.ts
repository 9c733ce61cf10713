// Adding, replacing or removing one version of a post in another language: an edit of the post
// (its history keeps every version), the rest of it as it is.
import type { Db } from '../../store/db.ts';
import { versionsOf } from '../../store/statuses/versions.ts';
import type { Account } from '../accounts/service.ts';
import { NotFoundError } from '../errors.ts';
import type { StatusAccess } from './access.ts';
import type { EditInput } from './edit.ts';
import type { VersionInput } from './versions.ts';
import type { StatusView } from './views.ts';

type Edit = (author: Account, id: string, input: EditInput) => Promise<StatusView>;

export function createVersionEdits(deps: { db: Db; access: StatusAccess; edit: Edit }) {
  const { db, access, edit } = deps;

  async function withVersions(author: Account, id: string, change: (versions: VersionInput[]) => VersionInput[]): Promise<StatusView> {
    const current = await access.own(author, id);
    const versions = (await versionsOf(db, id)).map((v) => ({ language: v.language, text: v.text, spoilerText: v.spoilerText }));
    return edit(author, id, { text: current.text, spoilerText: current.spoilerText, language: current.language, versions: change(versions) });
  }

  return {
    /** Adds the version in this language, or replaces it. */
    putVersion: (author: Account, id: string, version: VersionInput): Promise<StatusView> =>
      withVersions(author, id, (versions) => [...versions.filter((v) => v.language !== version.language), version]),
    /** Removes the version in this language; a 404 when the post has none. */
    removeVersion: (author: Account, id: string, language: string): Promise<StatusView> =>
      withVersions(author, id, (versions) => {
        if (!versions.some((v) => v.language === language)) throw new NotFoundError('This post has no version in that language');
        return versions.filter((v) => v.language !== language);
      }),
  };
}
