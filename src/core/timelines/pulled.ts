// Accounts above the fan-out pull threshold (see account_stats.pulled) are not pushed into feeds:
// their followers' homes pull their posts at read time. This module keeps, in every process, the
// two answers each home read needs, so that reading a celebrity's follower's home asks PostgreSQL
// nothing more than any other home read:
// - per viewer, which followed accounts are pulled, with the follow's choices (reblogs, languages).
//   A follow, an unfollow, a block, a mute or an exclusive list forgets that viewer's; an author
//   crossing the threshold forgets everyone's, since its followers' pages must pull its posts from
//   the very post that made it cross (it is no longer pushed).
// - per pulled author, its newest posts that a follower's home may show, with what the home rules
//   need to know of each (see home-rule). New posts are forgotten there by their fan-out batch,
//   deleted and edited ones by the writer.
// Each answer is forgotten on every process through the bus (see infra/shared-cache).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { accountStats, follows } from '../../store/schema/index.ts';
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import { homeVisibility, inExclusiveList, type HomeFollow, type Route } from './home-rule.ts';

/** Bounds what a process that missed a message could serve. */
const TTL_MS = 60_000;
const MAX_VIEWERS = 20_000;
const MAX_AUTHORS = 2_000;
/** Posts kept per pulled author: deeper pages are read from PostgreSQL. */
export const RECENT_POSTS = 200;

export interface PulledFollow extends HomeFollow {
  id: string;
}

export interface PulledPost extends Route {
  id: string;
  /** the id as a number, for comparing without parsing it on every read */
  n: bigint;
}

export interface RecentPosts {
  /** newest first */
  posts: PulledPost[];
  /** the author has no older post a home could show */
  complete: boolean;
}

export function createPulledAuthors(deps: { db: Db; bus: Bus }) {
  const { db, bus } = deps;

  const viewersQuery = db
    .select({ viewer: follows.accountId, id: follows.targetAccountId, showReblogs: follows.showReblogs, languages: follows.languages })
    .from(follows)
    .innerJoin(accountStats, eq(accountStats.accountId, follows.targetAccountId))
    .where(
      and(
        sql`${follows.accountId} = any(${sql.placeholder('viewers')}::bigint[])`,
        eq(accountStats.pulled, true),
        sql`not ${inExclusiveList(sql`follows.account_id`, sql`follows.target_account_id`)}`,
      ),
    )
    .prepare('home_pulled_authors');

  async function readViewers(viewerIds: string[]): Promise<Map<string, PulledFollow[]>> {
    const found = new Map<string, PulledFollow[]>(viewerIds.map((v) => [v, []]));
    for (const r of await viewersQuery.execute({ viewers: `{${viewerIds.join(',')}}` })) {
      found.get(r.viewer)?.push({ id: r.id, showReblogs: r.showReblogs, languages: r.languages, exclusive: false });
    }
    return found;
  }

  /** The same posts as timelines' followedIds reads (direct messages never), newest first. */
  async function readPosts(authorIds: string[]): Promise<Map<string, RecentPosts>> {
    const { rows } = await db.execute<{ author: string; id: string; original_author: string | null; reblog: boolean; reply_to: string | null; lang: string | null }>(sql`
      select a.id::text as author, x.id::text, x.original_author::text, x.reblog, x.reply_to::text, x.lang
      from unnest(${`{${authorIds.join(',')}}`}::bigint[]) as a(id)
      cross join lateral (
        select s.id, s.reblog_of_id is not null as reblog, o.account_id as original_author,
          case when s.in_reply_to_account_id <> s.account_id then s.in_reply_to_account_id end as reply_to,
          coalesce(o.language, s.language) as lang
        from statuses s left join statuses o on o.id = s.reblog_of_id
        where s.account_id = a.id and ${homeVisibility(sql`s.visibility`)}
        order by s.id desc limit ${RECENT_POSTS}
      ) x`);
    const found = new Map<string, RecentPosts>(authorIds.map((a) => [a, { posts: [], complete: true }]));
    const read = new Map<string, number>();
    for (const r of rows) {
      read.set(r.author, (read.get(r.author) ?? 0) + 1);
      // A reblog whose original is gone shows nowhere.
      if (r.reblog && r.original_author === null) continue;
      found.get(r.author)!.posts.push({
        id: r.id,
        n: BigInt(r.id),
        authorId: r.author,
        rebloggedFrom: r.reblog ? r.original_author! : undefined,
        replyTo: r.reply_to ?? undefined,
        language: r.lang ?? undefined,
      });
    }
    for (const [author, recent] of found) recent.complete = (read.get(author) ?? 0) < RECENT_POSTS;
    return found;
  }

  const viewers = createSharedCache<PulledFollow[]>(bus, 'pulled-follows', { max: MAX_VIEWERS, ttlMs: TTL_MS, reload: readViewers });
  const posts = createSharedCache<RecentPosts>(bus, 'pulled-posts', { max: MAX_AUTHORS, ttlMs: TTL_MS, reload: readPosts });

  return {
    /** The accounts this viewer follows whose posts its home pulls (none of its exclusive lists' members). */
    async of(viewerId: string): Promise<PulledFollow[]> {
      return (await viewers.getMany([viewerId], readViewers)).get(viewerId)!;
    },

    /** The newest posts of these pulled authors. */
    recent: (authorIds: readonly string[]): Promise<Map<string, RecentPosts>> => posts.getMany(authorIds, readPosts),

    /** Their follows, blocks, mutes or exclusive lists changed (call once committed). */
    forget: (viewerIds: readonly string[]): Promise<void> => viewers.forget(viewerIds),
    /** Authors crossed the threshold: every viewer's answer may have changed. */
    crossed: (): Promise<void> => viewers.forgetAll(),
    /** These authors posted, deleted or edited (call once committed). */
    postsChanged: (authorIds: readonly string[]): Promise<void> => posts.forget([...new Set(authorIds)]),
  };
}

export type PulledAuthors = ReturnType<typeof createPulledAuthors>;
