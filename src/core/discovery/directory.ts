// The profile directory (Mastodon's GET /api/v1/directory): accounts that opted into discovery.
import { directoryRows } from '../../store/discovery/directory.ts';
import type { AccountView } from '../accounts/views.ts';
import { viewsInOrder, type DiscoveryDeps } from './deps.ts';

export interface DirectoryInput {
  /** `active`: most recent post first (never posted last); `new`: newest account first */
  order: 'active' | 'new';
  localOnly: boolean;
  offset: number;
  limit: number;
}

export function createDirectory(deps: DiscoveryDeps) {
  return {
    /** Discoverable accounts, suspended ones never; a signed-in viewer does not see those it blocks or mutes, or that block it. */
    async directory(viewerId: string | null, input: DirectoryInput): Promise<AccountView[]> {
      const ids = await directoryRows(deps.db, { ...input, viewerId });
      return viewsInOrder(deps.accountViews, ids);
    },
  };
}
