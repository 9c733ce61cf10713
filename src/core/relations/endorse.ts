// Endorsing (Mastodon's "pin" or "endorse"): featuring an account one follows on one's profile.
// No cache holds endorsements: the verbs answer the relationship as it now is, and announce nothing.
import { deletePin, insertPinIfFollowing } from '../../store/relations/endorsements.ts';
import type { Account } from '../accounts/types.ts';
import { CoreError } from '../errors.ts';
import type { Page } from '../pagination.ts';
import { accountList, type AccountPage } from './collections.ts';
import { targetAccount, type RelationsDeps } from './deps.ts';
import { relationshipOf } from './relationships.ts';
import type { Relationship } from './types.ts';

export function createEndorse(deps: RelationsDeps) {
  const { db, ids } = deps;
  return {
    async endorse(actor: Account, targetId: string): Promise<Relationship> {
      const other = await targetAccount(db, targetId);
      const outcome = await insertPinIfFollowing(db, ids(), actor.id, other.id);
      if (outcome === 'not-following') {
        throw new CoreError('validation', 'Validation failed: You must be already following the person you want to endorse');
      }
      return relationshipOf(db, actor.id, other.id);
    },

    async unendorse(actor: Account, targetId: string): Promise<Relationship> {
      const other = await targetAccount(db, targetId);
      await deletePin(db, actor.id, other.id);
      return relationshipOf(db, actor.id, other.id);
    },

    /** The accounts `accountId` endorses, newest endorsement first (suspended ones left out); anyone may read them. */
    async endorsements(accountId: string, page: Page): Promise<AccountPage> {
      const owner = await targetAccount(db, accountId);
      return accountList(db, 'accountPins', 'account', owner.id, page);
    },
  };
}
