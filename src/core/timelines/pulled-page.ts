// A home page's posts of pulled accounts, chosen from their recent posts kept in memory (see
// timelines/pulled) by the home rule's in-memory form (home-rule), as timelines' followedIds
// would read them from PostgreSQL. Pure: the caller reads the kept posts, and whether the viewer
// follows the accounts that replies answer.
import { compareIds } from '../ids.ts';
import type { Page } from '../pagination.ts';
import type { PulledFollow, PulledPost, RecentPosts } from './pulled.ts';
import { showsInHome, type HomeFollow } from './home-rule.ts';

export interface PulledPick {
  /** accounts answered by replies among the candidates: shown only if the viewer follows them */
  replyTargets: string[];
  /** The page's ids, newest first, given which reply targets the viewer follows. */
  finish(followsTarget: ReadonlySet<string>): string[];
}

/** An author's kept posts inside the page's bounds, newest first, and how far the merge took them. */
interface Lane {
  posts: PulledPost[];
  /** the bounds' first and past-the-last index in `posts` */
  from: number;
  to: number;
  /** the next to take: counts up from `from`, or down from `to - 1` on a min_id page */
  next: number;
  /** older posts than the kept ones may lie inside the bounds */
  open: boolean;
}

/**
 * Null when the page reaches below what is kept of an author (PostgreSQL answers then). The
 * authors' posts are merged newest first (oldest first above a min_id) and taken only until the
 * page is full: a page of 20 from nine pulled authors looks at about 20 posts, not 180.
 */
export function pickPulled(viewerId: string, followed: readonly PulledFollow[], recent: ReadonlyMap<string, RecentPosts>, page: Page): PulledPick | null {
  const upper = page.maxId ? BigInt(page.maxId) : null;
  const lowerId = page.minId ?? page.sinceId;
  const lower = lowerId ? BigInt(lowerId) : null;
  const ascending = page.minId !== undefined;
  const choices = new Map<string, HomeFollow>(followed.map((f) => [f.id, f]));
  const lanes: Lane[] = [];
  for (const follow of followed) {
    const { posts, complete } = recent.get(follow.id)!;
    // Older posts than the last kept one exist: the kept ones answer only if the page stops above it.
    const covered = complete || posts.length === 0 || (lower !== null && lower >= posts.at(-1)!.n);
    if (!covered && ascending) return null;
    let from = 0;
    while (from < posts.length && upper !== null && posts[from]!.n >= upper) from++;
    let to = from;
    while (to < posts.length && (lower === null || posts[to]!.n > lower)) to++;
    // Stopped at the lower bound: what lies below it is not this page's.
    const open = !covered && to === posts.length;
    if (from < to || open) lanes.push({ posts, from, to, next: ascending ? to - 1 : from, open });
  }
  const ahead = ascending ? (a: PulledPost, b: PulledPost) => compareIds(a.id, b.id) < 0 : (a: PulledPost, b: PulledPost) => compareIds(a.id, b.id) > 0;
  const headOf = (lane: Lane): PulledPost | undefined => (lane.next >= lane.from && lane.next < lane.to ? lane.posts[lane.next] : undefined);
  // Up to `limit` shown, plus the replies to others met on the way (whether they show is known later).
  const picked: PulledPost[] = [];
  for (let sure = 0; sure < page.limit; ) {
    let best: Lane | undefined;
    let bestPost: PulledPost | undefined;
    for (const lane of lanes) {
      const post = headOf(lane);
      if (post === undefined) {
        // Its kept posts ran out with the page not full: older ones could come next.
        if (lane.open) return null;
        continue;
      }
      if (!bestPost || ahead(post, bestPost)) [best, bestPost] = [lane, post];
    }
    if (!best || !bestPost) break;
    best.next += ascending ? -1 : 1;
    if (!showsInHome(viewerId, choices, bestPost.replyTo === undefined ? bestPost : { ...bestPost, replyTo: undefined })) continue;
    picked.push(bestPost);
    if (bestPost.replyTo === undefined) sure++;
  }
  return {
    replyTargets: [...new Set(picked.flatMap((p) => (p.replyTo ? [p.replyTo] : [])))],
    finish(followsTarget) {
      const ids: string[] = [];
      for (const post of picked) {
        if (ids.length === page.limit) break;
        if (post.replyTo === undefined || followsTarget.has(post.replyTo)) ids.push(post.id);
      }
      // A min_id page keeps the posts just above it, newest first.
      return ascending ? ids.reverse() : ids;
    },
  };
}
