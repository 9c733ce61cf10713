// What a status said: every version (edits), and its source text for its author.
import type { Db } from '../../store/db.ts';
import { mediaByIds, mediaOfStatuses } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import { editsOf } from '../../store/statuses/edits.ts';
import { pollsOfStatuses } from '../../store/statuses/polls.ts';
import type { Account } from '../accounts/service.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import type { StatusAccess } from './access.ts';
import type { KeptVersion } from '../../store/schema/index.ts';
import { versionsOf } from '../../store/statuses/versions.ts';

export interface StatusVersion {
  contentHtml: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: Date;
  account: AccountView;
  /** the attachments this version carried, in order */
  media: MediaRow[];
  /** the options of the poll this version carried, if any */
  pollOptions: string[] | null;
  /** its language, and its versions in other languages (see versions) */
  language: string | null;
  versions: KeptVersion[];
}

export function createHistory(deps: { db: Db; accountViews: AccountViews; access: StatusAccess }) {
  const { db, accountViews, access } = deps;
  return {
    async history(viewerId: string | null, id: string): Promise<StatusVersion[]> {
      const s = await access.visible(viewerId, id);
      const author = (await accountViews.byIds([s.accountId])).get(s.accountId)!;
      const edits = await editsOf(db, id);
      if (edits.length === 0) {
        const [media, [poll], versions] = await Promise.all([mediaOfStatuses(db, [id]), pollsOfStatuses(db, [id]), versionsOf(db, id)]);
        return [{ ...s, account: author, media, pollOptions: poll?.options ?? null, versions }];
      }
      const byId = new Map((await mediaByIds(db, [...new Set(edits.flatMap((e) => e.mediaIds))])).map((m) => [m.id, m]));
      return edits.map((e) => ({
        contentHtml: e.contentHtml,
        spoilerText: e.spoilerText,
        sensitive: e.sensitive,
        createdAt: e.createdAt,
        account: author,
        media: e.mediaIds.flatMap((m) => byId.get(m) ?? []),
        pollOptions: e.pollOptions,
        // Edits keep no language of their own: the history tells the post's current one.
        language: s.language,
        versions: e.versions ?? [],
      }));
    },

    async source(author: Account, id: string): Promise<{ id: string; text: string; spoilerText: string; versions: KeptVersion[] }> {
      const s = await access.own(author, id);
      return { id: s.id, text: s.text, spoilerText: s.spoilerText, versions: await versionsOf(db, id) };
    },
  };
}
