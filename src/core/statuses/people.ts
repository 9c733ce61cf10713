// Accounts around a status: who favourited it, who reblogged it, who it mentions.
import type { Db } from '../../store/db.ts';
import { favouriters, mentionedIds, rebloggers, type AccountRow } from '../../store/statuses/people.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import { paged, readPage, type Page, type Paged } from '../pagination.ts';
import type { StatusAccess } from './access.ts';

export function createStatusPeople(deps: { db: Db; accountViews: AccountViews; access: StatusAccess }) {
  const { db, accountViews, access } = deps;

  /** The accounts of a page of rows, leaving out suspended ones. */
  async function accountPage(rows: AccountRow[]): Promise<Paged<AccountView>> {
    const byId = await accountViews.byIds(rows.map((r) => r.accountId));
    const present = rows.filter((r) => byId.has(r.accountId) && !byId.get(r.accountId)!.account.suspendedAt);
    const result = paged(present, (r) => r.cursor);
    return { items: present.map((r) => byId.get(r.accountId)!), cursors: result.cursors };
  }

  async function page(viewerId: string | null, id: string, page: Page, read: typeof favouriters): Promise<Paged<AccountView>> {
    const s = await access.visible(viewerId, id);
    return accountPage(await readPage(page, (window) => read(db, s.id, window, page.limit)));
  }

  return {
    favouritedBy: (viewerId: string | null, id: string, p: Page): Promise<Paged<AccountView>> => page(viewerId, id, p, favouriters),
    rebloggedBy: (viewerId: string | null, id: string, p: Page): Promise<Paged<AccountView>> => page(viewerId, id, p, rebloggers),
    mentionedAccounts: (statusId: string): Promise<string[]> => mentionedIds(db, statusId),
  };
}
