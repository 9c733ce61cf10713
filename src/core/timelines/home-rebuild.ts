// Rebuilding a home feed that is gone (a new Redis, an expired or never-built feed, an owner back
// after a long absence) when its owner reads it: the newest posts the feed would hold. Two ways
// behind one interface: the fast one Parley runs (followed-page's SQL, a few rows per followed
// account or hashtag), and the plain reference beside it, which reads every post of the followed
// accounts and of the viewer, and every post carrying a followed hashtag, and applies the home
// rule in memory (home-rule). test/core/home-rebuild.test.ts
// holds them to agreeing, and names where the fast one knowingly differs.
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { compareIds } from '../ids.ts';
import { followedIds } from './followed-page.ts';
import { followedTagIds } from './followed-tags-page.ts';
import { followedTagNames } from '../../store/tags/follows.ts';
import { hidesAny, muteHides, routeOf, showsByFollowedTag, showsInHome, visibilityReaches, type HomeFollow } from './home-rule.ts';

export interface HomeRebuild {
  /** The newest `limit` ids of the viewer's home, newest first. */
  recent(viewerId: string, limit: number): Promise<string[]>;
}

/** The viewer's own newest posts: fan-out puts every one of them in its own home. */
async function ownPosts(db: Db, viewerId: string, limit: number): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`select id::text from statuses where account_id = ${viewerId} order by id desc limit ${limit}`);
  return rows.map((r) => r.id);
}

/**
 * The fast rebuild Parley runs: the followed accounts' posts by the home rule's SQL (see
 * followed-page), those of the followed hashtags (followed-tags-page), and the viewer's own.
 */
export const followedRebuild = (db: Db): HomeRebuild => ({
  async recent(viewerId, limit) {
    const [followed, tagged, own] = await Promise.all([followedIds(db, viewerId, null, { limit }), followedTagIds(db, viewerId, limit), ownPosts(db, viewerId, limit)]);
    return [...new Set([...followed, ...tagged, ...own])].sort((a, b) => compareIds(b, a)).slice(0, limit);
  },
});

const idArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The viewer's follows with their choices, and whether each account is in one of its exclusive lists. */
async function followsOf(db: Db, viewerId: string): Promise<Map<string, HomeFollow>> {
  const [follows, exclusive] = await Promise.all([
    db.execute<{ id: string; show_reblogs: boolean; languages: string[] | null }>(sql`select target_account_id::text as id, show_reblogs, languages from follows where account_id = ${viewerId}`),
    db.execute<{ id: string }>(sql`select la.account_id::text as id from list_accounts la join lists l on l.id = la.list_id where l.account_id = ${viewerId} and l.exclusive`),
  ]);
  const inExclusive = new Set(exclusive.rows.map((r) => r.id));
  return new Map(follows.rows.map((r) => [r.id, { showReblogs: r.show_reblogs, languages: r.languages, exclusive: inExclusive.has(r.id) }]));
}

/** The accounts the viewer mutes (while the mute lasts), blocks or is blocked by, and those of the servers it blocks. */
async function hiddenFrom(db: Db, viewerId: string): Promise<Set<string>> {
  const { rows } = await db.execute<{ id: string; expires_at: Date | string | null; mute: boolean }>(sql`
    select target_account_id::text as id, null::timestamptz as expires_at, false as mute from blocks where account_id = ${viewerId}
    union all select account_id::text, null, false from blocks where target_account_id = ${viewerId}
    union all select target_account_id::text, expires_at, true from mutes where account_id = ${viewerId}
    union all select a.id::text, null, false from accounts a join account_domain_blocks d on d.domain = a.domain where d.account_id = ${viewerId}`);
  const now = Date.now();
  return new Set(rows.filter((r) => !r.mute || muteHides(r.expires_at === null ? null : new Date(r.expires_at).getTime(), now)).map((r) => r.id));
}

type Post = {
  id: string;
  account_id: string;
  visibility: string;
  reblog_of_id: string | null;
  original_author: string | null;
  in_reply_to_account_id: string | null;
  language: string | null;
  mentioned: string[];
  tags: string[];
};

/** Posts with what the home rule asks of them (a reblog's language is its original's): these authors' all, or all carrying a hashtag this viewer follows. */
async function postsOf(db: Db, which: { authors: readonly string[] } | { tagsFollowedBy: string }): Promise<Post[]> {
  const where =
    'authors' in which
      ? sql`s.account_id = any(${idArray(which.authors)}::bigint[])`
      : sql`exists (select 1 from status_tags st join tag_follows tf on tf.tag_id = st.tag_id where st.status_id = s.id and tf.account_id = ${which.tagsFollowedBy})`;
  const { rows } = await db.execute<Post>(sql`
    select s.id::text, s.account_id::text, s.visibility, s.reblog_of_id::text, o.account_id::text as original_author,
      s.in_reply_to_account_id::text, coalesce(o.language, s.language) as language,
      array(select m.account_id::text from status_mentions m where m.status_id = s.id) as mentioned,
      array(select t.name from status_tags st join tags t on t.id = st.tag_id where st.status_id = s.id) as tags
    from statuses s left join statuses o on o.id = s.reblog_of_id
    where ${where}`);
  return rows;
}

/**
 * The reference: what fan-out would have pushed to the viewer, by the home rule in memory. The
 * viewer's own posts, all of them; a followed author's as showsInHome says, direct messages only
 * when they mention the viewer; anyone's public posts carrying a followed hashtag
 * (showsByFollowedTag); nothing whose author (or reblogged author) is hidden from it.
 */
export const plainRebuild = (db: Db): HomeRebuild => ({
  async recent(viewerId, limit) {
    const [follows, hidden, tags] = await Promise.all([followsOf(db, viewerId), hiddenFrom(db, viewerId), followedTagNames(db, viewerId).then((names) => new Set(names))]);
    const shown = (p: Post): boolean => {
      if (p.account_id === viewerId) return true;
      // A reblog whose original is gone shows nowhere.
      if (p.reblog_of_id !== null && p.original_author === null) return false;
      if (hidesAny(hidden, [p.account_id, ...(p.original_author ? [p.original_author] : [])])) return false;
      const route = routeOf({
        accountId: p.account_id,
        reblogOfId: p.reblog_of_id,
        originalAuthor: p.original_author,
        inReplyToAccountId: p.in_reply_to_account_id,
        language: p.language,
        visibility: p.visibility,
        tags: p.tags,
      });
      return (visibilityReaches(viewerId, p.visibility, p.mentioned) && showsInHome(viewerId, follows, route)) || showsByFollowedTag(viewerId, tags, route);
    };
    const posts = [...(await postsOf(db, { authors: [viewerId, ...follows.keys()] })), ...(tags.size > 0 ? await postsOf(db, { tagsFollowedBy: viewerId }) : [])];
    const ids = [...new Set(posts.filter(shown).map((p) => p.id))];
    return ids.sort((a, b) => compareIds(b, a)).slice(0, limit);
  },
});
