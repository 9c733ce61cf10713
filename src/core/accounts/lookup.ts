// Finding accounts and users: by id, by handle, by a search of names.
import type { Db } from '../../store/db.ts';
import { accountByHandle, accountById, accountsByIds, searchAccounts } from '../../store/accounts/accounts.ts';
import { userByAccountId, userById } from '../../store/accounts/users.ts';
import { isId } from '../ids.ts';
import type { Account } from './types.ts';

export function createLookup(db: Db, config: { domain: string }) {
  const ours = (domain: string) => domain.toLowerCase() === config.domain.toLowerCase();
  return {
    byId: async (id: string): Promise<Account | undefined> => (isId(id) ? accountById(db, id) : undefined),
    localByUsername: (username: string): Promise<Account | undefined> => accountByHandle(db, username, null),

    async byIds(idList: string[]): Promise<Account[]> {
      const valid = idList.filter((id) => isId(id));
      if (valid.length === 0) return [];
      return accountsByIds(db, valid);
    },

    /** Finds an account by `username` or `username@domain` (this server's domain means local). */
    async lookup(acct: string): Promise<Account | undefined> {
      const [username, domain] = acct.replace(/^@/, '').split('@');
      if (!username) return undefined;
      return accountByHandle(db, username, !domain || ours(domain) ? null : domain);
    },

    /**
     * Accounts whose username starts with, or display name contains, the query; exact matches
     * first. `followedBy`: only those this account follows (Mastodon's `following=true`).
     */
    async search(query: string, options: { limit: number; offset: number; followedBy?: string | undefined }): Promise<Account[]> {
      const [username, domain] = query.trim().replace(/^@/, '').split('@');
      if (!username) return [];
      return searchAccounts(db, { username, domainPrefix: domain === undefined || ours(domain) ? undefined : domain, followedBy: options.followedBy }, options);
    },

    userByAccountId: (accountId: string) => userByAccountId(db, accountId),
    userById: (userId: string) => userById(db, userId),
  };
}
