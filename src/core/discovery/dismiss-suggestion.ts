// Dismissing a suggestion: the account is not suggested to this user again (remembered for good).
import { insertDismissal } from '../../store/discovery/suggestions.ts';
import type { Account } from '../accounts/types.ts';
import { targetAccount } from '../relations/deps.ts';
import type { DiscoveryDeps } from './deps.ts';

export function createDismissSuggestion(deps: DiscoveryDeps) {
  return {
    async dismissSuggestion(actor: Account, targetId: string): Promise<void> {
      const other = await targetAccount(deps.db, targetId);
      await insertDismissal(deps.db, actor.id, other.id);
    },
  };
}
