// Familiar followers (Mastodon's GET /api/v1/accounts/familiar_followers): for each account asked
// about, the accounts the viewer follows that follow it.
import { familiarFollowerRows } from '../../store/discovery/familiar-followers.ts';
import type { AccountView } from '../accounts/views.ts';
import { isId } from '../ids.ts';
import { viewsInOrder, type DiscoveryDeps } from './deps.ts';

export interface FamiliarFollowers {
  id: string;
  accounts: AccountView[];
}

export function createFamiliarFollowers(deps: DiscoveryDeps) {
  return {
    /** One entry per known, unsuspended account asked about, in the order asked (as Mastodon). */
    async familiarFollowers(viewerId: string, targetIds: readonly string[]): Promise<FamiliarFollowers[]> {
      const asked = [...new Set(targetIds.filter((id) => isId(id)))];
      if (asked.length === 0) return [];
      const [targets, rows] = await Promise.all([deps.accountViews.byIds(asked), familiarFollowerRows(deps.db, viewerId, asked)]);
      const views = await viewsInOrder(deps.accountViews, [...new Set(rows.map((r) => r.id))]);
      const byId = new Map(views.map((v) => [v.account.id, v]));
      return asked
        .filter((id) => targets.get(id) && !targets.get(id)!.account.suspendedAt)
        .map((id) => ({ id, accounts: rows.filter((r) => r.target_id === id).flatMap((r) => (byId.has(r.id) ? [byId.get(r.id)!] : [])) }));
    },
  };
}
