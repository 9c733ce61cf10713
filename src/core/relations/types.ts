// What relations are made of, as the doors and the timelines see them.
export interface Relationship {
  id: string;
  following: boolean;
  showingReblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
  requested: boolean;
  requestedBy: boolean;
  /** the viewer features this account on its profile */
  endorsed: boolean;
  /** the viewer's private note about this account ('' when none) */
  note: string;
  /** the viewer blocks the account's domain */
  domainBlocking: boolean;
}

export interface FollowOptions {
  reblogs?: boolean | undefined;
  notify?: boolean | undefined;
  languages?: string[] | null | undefined;
}

/** Accounts in one relation with the viewer (a Set, or a view over what the viewer state keeps). */
export interface AccountSet {
  has(accountId: string): boolean;
}

/** The viewer's relations to a set of authors, for visibility and list filtering. */
export interface ViewerContext {
  viewerId: string | null;
  follows: AccountSet;
  blocking: AccountSet;
  blockedBy: AccountSet;
  muting: AccountSet;
  /** accounts of domains the viewer blocks */
  domainBlocking: AccountSet;
}

export const NO_VIEWER: ViewerContext = { viewerId: null, follows: new Set(), blocking: new Set(), blockedBy: new Set(), muting: new Set(), domainBlocking: new Set() };
