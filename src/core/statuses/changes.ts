// Committed changes to statuses, announced once committed: the caches that hold what a change
// made stale listen, so that no verb has to remember each cache to forget.
import type { AccountViews } from '../accounts/views.ts';
import type { PulledAuthors } from '../timelines/pulled.ts';
import type { StatusViews } from './views.ts';
import type { ViewerState } from './viewer-state.ts';

/** What a committed change made stale in the shared caches of statuses and accounts. */
export interface StatusChange {
  statusIds?: readonly string[];
  /** whose profile (counts) changed */
  accountIds?: readonly string[];
  /** whose own flags or relations changed (see statuses/viewer-state) */
  viewerIds?: readonly string[];
  /** whose posts were edited or deleted (a pulled author's are kept, see timelines/pulled) */
  postsOf?: readonly string[];
}

export type ChangeListener = (change: StatusChange) => Promise<void> | undefined;

export function createStatusChanges() {
  const listeners: ChangeListener[] = [];
  return {
    listen(listener: ChangeListener): void {
      listeners.push(listener);
    },
    /** Call once the change is committed; resolves when every listener has forgotten it. */
    async committed(change: StatusChange): Promise<void> {
      await Promise.all(listeners.map((listener) => listener(change)));
    },
  };
}

export type StatusChanges = ReturnType<typeof createStatusChanges>;

const NONE: readonly string[] = [];

/** The caches a change to statuses can make stale, each forgetting its part (see infra/shared-cache). */
export function forgetOnChange(
  changes: StatusChanges,
  caches: { views: StatusViews; accountViews: AccountViews; viewerState: ViewerState; pulled: PulledAuthors },
): void {
  changes.listen((c) => caches.views.forget(c.statusIds ?? NONE));
  changes.listen((c) => caches.accountViews.forget(c.accountIds ?? NONE));
  changes.listen((c) => caches.viewerState.forget(c.viewerIds ?? NONE));
  changes.listen((c) => (c.postsOf?.length ? caches.pulled.postsChanged(c.postsOf) : undefined));
}
