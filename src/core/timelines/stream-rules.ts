// Whether a status heard on its author's live channel belongs on one viewer's home or list
// stream: the fan-out rules (see fanout.recipientsOf and timelines.followedIds), applied in
// memory to the viewer's follows, so open screens need not wait for fan-out.
import type { RepliesPolicy } from '../../store/schema/index.ts';

export interface HomeFollow {
  showReblogs: boolean;
  /** null: every language */
  languages: readonly string[] | null;
  /** the account is in one of the viewer's exclusive lists: its posts stay out of home */
  exclusive: boolean;
}

export type Follows = ReadonlyMap<string, HomeFollow>;

/** What the rules need to know of a status; its live message carries it. */
export interface Route {
  authorId: string;
  /** for a reblog: the original's author */
  rebloggedFrom?: string | undefined;
  /** for a reply to an account other than the author */
  replyTo?: string | undefined;
  /** the language followers' choices are matched against (a reblog's is its original's) */
  language?: string | undefined;
}

export interface ListScope {
  members: ReadonlySet<string>;
  repliesPolicy: RepliesPolicy;
}

/** Reblog and language choices made when following the author. */
function followAllows(viewerId: string, follow: HomeFollow, route: Route): boolean {
  if (route.rebloggedFrom !== undefined && (!follow.showReblogs || route.rebloggedFrom === viewerId)) return false;
  if (route.language !== undefined && follow.languages !== null && !follow.languages.includes(route.language)) return false;
  return true;
}

/** Home: the viewer's own posts, and those of followed accounts outside exclusive lists. */
export function showsInHome(viewerId: string, follows: Follows, route: Route): boolean {
  if (route.authorId === viewerId) return true;
  const follow = follows.get(route.authorId);
  if (!follow || follow.exclusive) return false;
  // A reply to someone else shows only to those who follow them too.
  if (route.replyTo !== undefined && !follows.has(route.replyTo)) return false;
  return followAllows(viewerId, follow, route);
}

/** A list: its members' posts (members are followed), replies as the list's policy says. */
export function showsInList(viewerId: string, follows: Follows, list: ListScope, route: Route): boolean {
  if (!list.members.has(route.authorId)) return false;
  const follow = follows.get(route.authorId);
  if (!follow) return false;
  if (route.replyTo !== undefined) {
    const shown = list.repliesPolicy === 'followed' ? follows.has(route.replyTo) : list.repliesPolicy === 'list' && list.members.has(route.replyTo);
    if (!shown) return false;
  }
  return followAllows(viewerId, follow, route);
}
