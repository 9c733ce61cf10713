// What a status said: every version (edits), and its source text for its author.
import type { Db } from '../../store/db.ts';
import { editsOf } from '../../store/statuses/edits.ts';
import type { Account } from '../accounts/service.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import type { StatusAccess } from './access.ts';

export interface StatusVersion {
  contentHtml: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: Date;
  account: AccountView;
}

export function createHistory(deps: { db: Db; accountViews: AccountViews; access: StatusAccess }) {
  const { db, accountViews, access } = deps;
  return {
    async history(viewerId: string | null, id: string): Promise<StatusVersion[]> {
      const s = await access.visible(viewerId, id);
      const author = (await accountViews.byIds([s.accountId])).get(s.accountId)!;
      const edits = await editsOf(db, id);
      if (edits.length === 0) return [{ contentHtml: s.contentHtml, spoilerText: s.spoilerText, sensitive: s.sensitive, createdAt: s.createdAt, account: author }];
      return edits.map((e) => ({ contentHtml: e.contentHtml, spoilerText: e.spoilerText, sensitive: e.sensitive, createdAt: e.createdAt, account: author }));
    },

    async source(author: Account, id: string): Promise<{ id: string; text: string; spoilerText: string }> {
      const s = await access.own(author, id);
      return { id: s.id, text: s.text, spoilerText: s.spoilerText };
    },
  };
}
