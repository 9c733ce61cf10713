// Follow suggestions (Mastodon's /api/v1 and /api/v2 suggestions), from two sources as Mastodon
// names them: friends_of_friends (accounts followed by many of those the viewer follows) and
// most_followed (the local accounts with most followers among those recently active). Each source
// only offers accounts that opted into discovery, never the viewer, nor an account it follows, asked
// to follow, blocks, is blocked by, mutes or dismissed (store/discovery/suggestions).
import { friendsOfFriends, popularLocally } from '../../store/discovery/suggestions.ts';
import type { AccountView } from '../accounts/views.ts';
import { viewsInOrder, type DiscoveryDeps } from './deps.ts';

export type SuggestionSource = 'friends_of_friends' | 'most_followed';

export interface Suggestion {
  account: AccountView;
  /** why, strongest first */
  sources: SuggestionSource[];
}

export function createSuggestions(deps: DiscoveryDeps) {
  return {
    /** Up to `limit` suggestions: friends of friends first, then popular accounts; one entry per account. */
    async suggestions(viewerId: string, limit: number): Promise<Suggestion[]> {
      const [friends, popular] = await Promise.all([friendsOfFriends(deps.db, viewerId, limit), popularLocally(deps.db, viewerId, limit)]);
      const sources = new Map<string, SuggestionSource[]>();
      for (const id of friends) sources.set(id, ['friends_of_friends']);
      for (const id of popular) sources.set(id, [...(sources.get(id) ?? []), 'most_followed']);
      const ids = [...sources.keys()].slice(0, limit);
      const views = await viewsInOrder(deps.accountViews, ids);
      return views.map((account) => ({ account, sources: sources.get(account.account.id)! }));
    },
  };
}
