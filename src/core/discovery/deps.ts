// What the discovery reads share: the database, accounts as profiles show them, and their order kept.
import type { Db } from '../../store/db.ts';
import type { AccountViews, AccountView } from '../accounts/views.ts';

export interface DiscoveryDeps {
  db: Db;
  accountViews: AccountViews;
}

/** The views of these accounts, in the order given (those gone meanwhile left out). */
export async function viewsInOrder(accountViews: AccountViews, ids: readonly string[]): Promise<AccountView[]> {
  const byId = await accountViews.byIds([...ids]);
  return ids.flatMap((id) => {
    const view = byId.get(id);
    return view ? [view] : [];
  });
}
