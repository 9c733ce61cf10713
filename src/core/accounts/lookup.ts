// Finding accounts and users: by id and by handle (searching names is core/search's).
import type { Db } from '../../store/db.ts';
import { accountByHandle, accountById, accountsByIds } from '../../store/accounts/accounts.ts';
import { userByAccountId, userById } from '../../store/accounts/users.ts';
import { isId } from '../ids.ts';
import type { Account } from './types.ts';

/** Does `domain` name this server (`user@our.domain` is a local account)? */
export const isOwnDomain = (domain: string, own: string): boolean => domain.toLowerCase() === own.toLowerCase();

export function createLookup(db: Db, config: { domain: string }) {
  const ours = (domain: string) => isOwnDomain(domain, config.domain);
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

    userByAccountId: (accountId: string) => userByAccountId(db, accountId),
    userById: (userId: string) => userById(db, userId),
  };
}
