// Lists of related accounts, newest relation first: followers, followings, requests, blocks, mutes;
// and the domains an account blocks.
import type { Db } from '../../store/db.ts';
import { domainBlockPage } from '../../store/relations/domain-blocks.ts';
import { relatedAccounts, type RelationTable } from '../../store/relations/related-accounts.ts';
import type { Account } from '../accounts/types.ts';
import { paged, readPage, type Page, type Paged } from '../pagination.ts';
import { targetAccount } from './deps.ts';

export type AccountPage = Paged<{ cursor: string; account: Account }>;

export async function accountList(db: Db, table: RelationTable, by: 'account' | 'target', accountId: string, page: Page): Promise<AccountPage> {
  const rows = await readPage(page, (over) => relatedAccounts(db, table, by, accountId, { over, limit: page.limit }));
  return paged(rows, (r) => r.cursor);
}

export function createCollections(db: Db) {
  return {
    /**
     * An account's followers or followings as a viewer may see them, newest follow first: an
     * account that hides its collections shows them to itself only (others get an empty list).
     */
    async collection(which: 'followers' | 'following', viewerId: string | null, accountId: string, page: Page): Promise<AccountPage> {
      const owner = await targetAccount(db, accountId);
      if (owner.hideCollections && viewerId !== owner.id) return { items: [], cursors: null };
      return accountList(db, 'follows', which === 'followers' ? 'target' : 'account', owner.id, page);
    },
    followRequests: (accountId: string, page: Page) => accountList(db, 'followRequests', 'target', accountId, page),
    blocked: (accountId: string, page: Page) => accountList(db, 'blocks', 'account', accountId, page),
    muted: (accountId: string, page: Page) => accountList(db, 'mutes', 'account', accountId, page),
    blockedDomains: (accountId: string, page: Page): Promise<Paged<{ cursor: string; domain: string }>> =>
      readPage(page, (over) => domainBlockPage(db, accountId, { over, limit: page.limit })).then((rows) => paged(rows, (r) => r.cursor)),
  };
}
