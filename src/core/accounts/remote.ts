// Accounts that live on other servers: kept as their server describes them, refreshed when it says so.
import type { Db } from '../../store/db.ts';
import { accountByUri, suspendRemoteByUri, upsertRemoteAccount } from '../../store/accounts/remote.ts';
import type { ProfileField } from '../../store/schema/index.ts';
import type { Changes } from '../changes.ts';
import type { IdGenerator } from '../ids.ts';
import { CoreError } from '../errors.ts';
import { sanitizeHtml } from '../text/sanitize.ts';
import { clipText, wellFormedText } from '../text/well-formed.ts';
import type { Account } from './types.ts';

export interface RemoteAccountInput {
  uri: string;
  username: string;
  /** host[:port] of the server that holds the account */
  domain: string;
  displayName: string;
  /** bio and field values as HTML, sanitised here */
  noteHtml: string;
  fields: { name: string; valueHtml: string }[];
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  indexable: boolean;
  url: string | null;
  avatarUrl: string | null;
  headerUrl: string | null;
  inboxUrl: string;
  sharedInboxUrl: string | null;
  followersUrl: string | null;
  createdAt: Date | null;
}

/** How long a remote profile is trusted before it is fetched again on use. */
export const REMOTE_ACCOUNT_TTL_MS = 24 * 3600 * 1000;

export function createRemoteAccounts(deps: { db: Db; ids: IdGenerator; changes: Changes; localDomain: string }) {
  const { db, ids, changes } = deps;
  const localDomain = deps.localDomain.toLowerCase();

  return {
    byUri: (uri: string) => accountByUri(db, uri),

    isStale: (account: Account) => account.domain !== null && (!account.fetchedAt || Date.now() - account.fetchedAt.getTime() > REMOTE_ACCOUNT_TTL_MS),

    /** Actors whose server says they are gone (410): no more deliveries, hidden like suspended accounts. */
    async markGone(uris: string[]): Promise<void> {
      if (uris.length === 0) return;
      await changes.committed({ type: 'remote-accounts.changed', accountIds: await suspendRemoteByUri(db, uris) });
    },

    /** Creates or refreshes a remote account, keyed by its actor id. */
    async upsert(input: RemoteAccountInput): Promise<Account> {
      // Our own accounts are never copies of themselves (a door that took our origin for another's).
      if (input.domain.toLowerCase() === localDomain) throw new CoreError('validation', `${input.uri} is an account of this server, not a remote one`);
      // Remote text cannot be refused piecemeal: it is made well-formed (see well-formed.ts).
      const values = {
        username: wellFormedText(input.username),
        domain: input.domain.toLowerCase(),
        displayName: clipText(input.displayName, 200),
        note: '',
        noteHtml: sanitizeHtml(wellFormedText(input.noteHtml)),
        fields: input.fields.slice(0, 16).map((f): ProfileField => ({ name: clipText(f.name, 255), value: sanitizeHtml(wellFormedText(f.valueHtml)), verifiedAt: null })),
        locked: input.locked,
        bot: input.bot,
        discoverable: input.discoverable,
        indexable: input.indexable,
        url: input.url,
        avatarUrl: input.avatarUrl,
        headerUrl: input.headerUrl,
        inboxUrl: input.inboxUrl,
        sharedInboxUrl: input.sharedInboxUrl,
        followersUrl: input.followersUrl,
        fetchedAt: new Date(),
        updatedAt: new Date(),
      };
      const account = await upsertRemoteAccount(db, { id: ids(), uri: input.uri, createdAt: input.createdAt ?? new Date(), values });
      await changes.committed({ type: 'remote-accounts.changed', accountIds: [account.id] });
      return account;
    },
  };
}

export type RemoteAccounts = ReturnType<typeof createRemoteAccounts>;
