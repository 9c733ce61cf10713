// What a committed change to statuses made stale, as the status verbs announce it: one kind of the
// core's committed changes (core/changes.ts, where the caches that listen are wired).
import type { Changes } from '../changes.ts';

export interface StatusChange {
  statusIds?: readonly string[];
  /** whose profile (counts) changed */
  accountIds?: readonly string[];
  /** whose own flags or relations changed (see statuses/viewer-state) */
  viewerIds?: readonly string[];
  /** whose posts were edited or deleted (a pulled author's are kept, see timelines/pulled) */
  postsOf?: readonly string[];
}

export interface StatusChanges {
  /** Call once the change is committed; resolves when every cache has forgotten it. */
  committed(change: StatusChange): Promise<void>;
}

export const statusChangesOf = (changes: Changes): StatusChanges => ({ committed: (change) => changes.committed({ type: 'statuses.changed', ...change }) });
