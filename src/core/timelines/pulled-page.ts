// A home page's posts of pulled accounts, chosen from their recent posts kept in memory (see
// timelines/pulled) by the home rules of open streams (stream-rules), as timelines' followedIds
// would read them from PostgreSQL. Pure: the caller reads the kept posts, and whether the viewer
// follows the accounts that replies answer.
import type { Page } from '../pagination.ts';
import type { PulledFollow, PulledPost, RecentPosts } from './pulled.ts';
import { showsInHome, type HomeFollow } from './stream-rules.ts';

export interface PulledPick {
  /** accounts answered by replies among the candidates: shown only if the viewer follows them */
  replyTargets: string[];
  /** The page's ids, newest first, given which reply targets the viewer follows; null when the kept posts cannot tell. */
  finish(followsTarget: ReadonlySet<string>): string[] | null;
}

/** Null when the page reaches below what is kept of an author (PostgreSQL answers then). */
export function pickPulled(viewerId: string, followed: readonly PulledFollow[], recent: ReadonlyMap<string, RecentPosts>, page: Page): PulledPick | null {
  const upper = page.maxId ? BigInt(page.maxId) : null;
  const lowerId = page.minId ?? page.sinceId;
  const lower = lowerId ? BigInt(lowerId) : null;
  const choices = new Map<string, HomeFollow>(followed.map((f) => [f.id, f]));
  const picked: { post: PulledPost; author: number }[] = [];
  /** per author: its kept posts ran out before the page was full, and older ones exist */
  const ranOut: boolean[] = [];
  for (const follow of followed) {
    const { posts, complete } = recent.get(follow.id)!;
    // Older posts than the last kept one exist: the kept ones answer only if the page stops above it.
    const covered = complete || posts.length === 0 || (lower !== null && lower >= posts.at(-1)!.n);
    if (!covered && page.minId) return null;
    // Newest first, or for a min_id page the oldest above it first: up to `limit` shown, plus the
    // replies to others met on the way.
    const author = ranOut.length;
    let sure = 0;
    let exhausted = true;
    for (let i = 0; i < posts.length; i++) {
      const post = posts[page.minId ? posts.length - 1 - i : i]!;
      if (upper !== null && post.n >= upper) continue;
      if (lower !== null && post.n <= lower) {
        if (page.minId) continue;
        exhausted = false;
        break;
      }
      if (!showsInHome(viewerId, choices, post.replyTo === undefined ? post : { ...post, replyTo: undefined })) continue;
      picked.push({ post, author });
      if (post.replyTo === undefined && ++sure >= page.limit) {
        exhausted = false;
        break;
      }
    }
    ranOut.push(exhausted && !covered);
  }
  return {
    replyTargets: [...new Set(picked.flatMap((p) => (p.post.replyTo ? [p.post.replyTo] : [])))],
    finish(followsTarget) {
      const shown = picked.filter((p) => p.post.replyTo === undefined || followsTarget.has(p.post.replyTo));
      const counts = new Array<number>(ranOut.length).fill(0);
      for (const p of shown) counts[p.author]!++;
      if (ranOut.some((out, i) => out && counts[i]! < page.limit)) return null;
      shown.sort((x, y) => (y.post.n > x.post.n ? 1 : y.post.n < x.post.n ? -1 : 0));
      const ids = shown.map((p) => p.post.id);
      // A min_id page keeps the posts just above it.
      return page.minId ? ids.slice(-page.limit) : ids.slice(0, page.limit);
    },
  };
}
