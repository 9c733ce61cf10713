// Committed changes to accounts, the relations between them, statuses, lists and tokens, announced
// once by the verb that made them, after its transaction commits. The caches that hold what changed
// listen here and forget it, so no verb has to know which caches there are; each cache tells the
// other processes itself, through the bus (see infra/shared-cache).
import type { AccessCache } from './auth/access-cache.ts';
import type { AccountViews } from './accounts/views.ts';
import type { Live } from './live.ts';
import type { StatusChange } from './statuses/changes.ts';
import type { StatusViews } from './statuses/views.ts';
import type { ViewerState } from './statuses/viewer-state.ts';
import type { Audiences } from './timelines/audiences.ts';
import type { PulledAuthors } from './timelines/pulled.ts';

export type CommittedChange =
  /** `actorId` made, changed or ended a follow, follow request, block or mute with `otherId` (either way) */
  | { type: 'relation.changed'; relation: 'follow' | 'block' | 'mute'; actorId: string; otherId: string }
  /** `accountId` blocked or unblocked a domain; its follows with `accountIds` (accounts of that domain) ended */
  | { type: 'domain-block.changed'; accountId: string; accountIds: readonly string[] }
  /** a local user edited their profile and the settings edited with it */
  | { type: 'profile.updated'; accountId: string; userId: string }
  /** remote accounts refreshed from their servers, or gone from them */
  | { type: 'remote-accounts.changed'; accountIds: readonly string[] }
  /** a user's e-mail was confirmed and sign-up approved */
  | { type: 'user.confirmed'; userId: string }
  /** a user came back after more days away than home feeds are kept written for */
  | { type: 'user.returned'; accountId: string }
  | { type: 'account.suspended'; accountId: string; suspended: boolean }
  /** authors crossed the fan-out pull threshold: their followers pull their posts from now on (see timelines/pulled) */
  | { type: 'authors.pulled'; accountIds: readonly string[] }
  /** statuses posted, edited, removed or acted on (see statuses/changes for the fields) */
  | ({ type: 'statuses.changed' } & StatusChange)
  /** `accountId`'s lists changed; `members` entered or left an exclusive list (or it stopped or started being one) */
  | { type: 'lists.changed'; accountId: string; members: readonly string[] }
  /** `accountId` followed or unfollowed a hashtag */
  | { type: 'tags.followed'; accountId: string }
  /** access tokens were revoked */
  | { type: 'tokens.revoked'; tokenIds: string[] };

export type ChangeType = CommittedChange['type'];
export type ChangeListener<T extends ChangeType> = (change: Extract<CommittedChange, { type: T }>) => Promise<void>;

export function createChanges() {
  // Each list holds listeners of its own type only (see `on`).
  const listeners = new Map<ChangeType, ((change: CommittedChange) => Promise<void>)[]>();
  return {
    on<T extends ChangeType>(type: T, listener: ChangeListener<T>): void {
      const list = listeners.get(type) ?? [];
      list.push(listener as (change: CommittedChange) => Promise<void>);
      listeners.set(type, list);
    },
    /** Tells every listener at once; settled when all of them have forgotten (a response then reflects the change). */
    async committed(change: CommittedChange): Promise<void> {
      const list = listeners.get(change.type);
      if (list) await Promise.all(list.map((listener) => listener(change)));
    },
  };
}

export type Changes = ReturnType<typeof createChanges>;

/** Who forgets what on each change. */
export function forgetOnChange(
  changes: Changes,
  caches: { access: AccessCache; accountViews: AccountViews; viewerState: ViewerState; pulled: PulledAuthors; audiences: Audiences; live: Live; views: StatusViews },
): void {
  const { access, accountViews, viewerState, pulled, audiences, live, views } = caches;
  // Both accounts' follower counts may have moved, what each sees of the other's posts too, and
  // their open streams are told.
  const both = (c: { actorId: string; otherId: string }) => [c.actorId, c.otherId];
  changes.on('relation.changed', (c) => accountViews.forget(both(c)));
  changes.on('relation.changed', (c) => viewerState.forget(both(c)));
  changes.on('relation.changed', (c) => pulled.forget(both(c)));
  changes.on('relation.changed', (c) => audiences.forget(both(c)));
  changes.on('relation.changed', (c) => live.relationsChanged(both(c)));
  // A domain block hides that domain from the user's pages and streams, and ends follows with it.
  const blockerAnd = (c: { accountId: string; accountIds: readonly string[] }) => [c.accountId, ...c.accountIds];
  changes.on('domain-block.changed', (c) => accountViews.forget(blockerAnd(c)));
  changes.on('domain-block.changed', (c) => viewerState.forget([c.accountId]));
  changes.on('domain-block.changed', (c) => pulled.forget([c.accountId]));
  changes.on('domain-block.changed', (c) => audiences.forget(blockerAnd(c)));
  changes.on('domain-block.changed', (c) => live.relationsChanged([c.accountId]));
  // Requests made with the user's tokens see the new settings and profile at once, pages of statuses the new profile.
  changes.on('profile.updated', (c) => access.changed({ userId: c.userId }));
  changes.on('profile.updated', (c) => accountViews.forget([c.accountId]));
  changes.on('remote-accounts.changed', (c) => accountViews.forget(c.accountIds));
  changes.on('user.confirmed', (c) => access.changed({ userId: c.userId }));
  // The accounts the returning user follows push to it again.
  changes.on('user.returned', (c) => audiences.returned(c.accountId));
  changes.on('account.suspended', (c) => access.changed({ accountId: c.accountId }));
  changes.on('account.suspended', (c) => accountViews.forget([c.accountId]));
  // A suspended account gets no pushes, from anyone it follows.
  changes.on('account.suspended', () => audiences.forgetAll());
  // Every viewer's answer of whom it pulls may have changed; the authors' audiences push no more.
  changes.on('authors.pulled', () => pulled.crossed());
  changes.on('authors.pulled', (c) => audiences.forget(c.accountIds));
  // Statuses: their rows, their authors' counts, the flags of who acted on them, a pulled author's kept posts.
  changes.on('statuses.changed', (c) => views.forget(c.statusIds ?? NONE));
  changes.on('statuses.changed', (c) => accountViews.forget(c.accountIds ?? NONE));
  changes.on('statuses.changed', (c) => viewerState.forget(c.viewerIds ?? NONE));
  changes.on('statuses.changed', async (c) => (c.postsOf?.length ? pulled.postsChanged(c.postsOf) : undefined));
  // Lists: the owner's open streams and what its home pulls; members of an exclusive list push to
  // the owner, or stop, from now on.
  changes.on('lists.changed', (c) => live.relationsChanged([c.accountId]));
  changes.on('lists.changed', (c) => pulled.forget([c.accountId]));
  changes.on('lists.changed', (c) => audiences.forget(c.members));
  // Open home streams listen to the hashtags now followed.
  changes.on('tags.followed', (c) => live.relationsChanged([c.accountId]));
  // A revoked token is refused on its very next request.
  changes.on('tokens.revoked', (c) => access.changed({ tokenIds: c.tokenIds }));
}

const NONE: readonly string[] = [];
