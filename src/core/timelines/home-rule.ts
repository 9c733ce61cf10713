// Who sees a post at home and in a list: the one place the rule is written, in memory (open
// streams, pulled pages) and as SQL fragments (fan-out, audiences, the home and list pages), side
// by side. A new rule is added here in both forms; test/core/home-rule.test.ts runs a table of
// cases against both. What the rule is, for a viewer and a status:
// - the viewer's own posts show at home; otherwise the author is followed (and, at home, outside
//   the viewer's exclusive lists; in a list, one of its members);
// - a reblog shows if the follow wants reblogs, and never the viewer's own post back;
// - a reply to another account shows if the viewer follows that account too (a list's replies
//   policy may say the list's members, or none);
// - a follow that chose languages gets posts in those languages, or of no known language;
// - nothing shows whose author (or reblogged author) the viewer mutes (until the mute ends),
//   blocks or is blocked by, or whose server the viewer blocks (a domain block);
// - at home (not in lists), a public post that is not a reblog also shows to whoever follows one of
//   its hashtags, whoever wrote it: replies, a follow's choices and exclusive lists do not apply
//   there, as in Mastodon (see "Followed hashtags" below).
// Direct messages never travel this way: fan-out gives them to mentioned followers only.
import { sql, type SQL } from 'drizzle-orm';
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
  /** a public post's hashtags (lower-case), not a reblog's: who follows one gets it at home */
  publicTags?: readonly string[] | undefined;
}

export interface ListScope {
  members: ReadonlySet<string>;
  repliesPolicy: RepliesPolicy;
}

/** What a route is made of (see live.StatusFacts); `visibility` and `tags` route it to the followers of its hashtags. */
export interface RouteFacts {
  accountId: string;
  reblogOfId: string | null;
  originalAuthor: string | null;
  inReplyToAccountId: string | null;
  language: string | null;
  visibility?: string | undefined;
  tags?: readonly string[] | undefined;
}

/** A status's route from its facts (see live.StatusFacts). */
export function routeOf(f: RouteFacts): Route {
  return {
    authorId: f.accountId,
    ...(f.reblogOfId && f.originalAuthor ? { rebloggedFrom: f.originalAuthor } : {}),
    ...(f.inReplyToAccountId && f.inReplyToAccountId !== f.accountId ? { replyTo: f.inReplyToAccountId } : {}),
    ...(f.language ? { language: f.language } : {}),
    ...(f.visibility === 'public' && !f.reblogOfId && f.tags?.length ? { publicTags: f.tags } : {}),
  };
}

// ---- In memory ----

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

/** What fan-out pushes by visibility (homeVisibility and directReaches in SQL): a direct message only to the followers it mentions. */
export function visibilityReaches(viewerId: string, visibility: string, mentioned: readonly string[]): boolean {
  return visibility === 'direct' ? mentioned.includes(viewerId) : visibility === 'public' || visibility === 'unlisted' || visibility === 'private';
}

/** A mute ending at `expiresAt` (ms since the epoch; null: never) hides its target at `now` (muteInForce in SQL). */
export const muteHides = (expiresAt: number | null, now: number): boolean => expiresAt === null || expiresAt > now;

/** Some author involved (the reblogger, the original's author) is muted, blocked or blocking: `hidden` holds them all. */
export const hidesAny = (hidden: ReadonlySet<string>, authors: readonly string[] | undefined): boolean => authors?.some((a) => hidden.has(a)) ?? false;

/** Some author involved is of a server the viewer blocks: `domains` are the involved authors' (local ones have none). */
export const hidesDomain = (blocked: ReadonlySet<string>, domains: readonly string[] | undefined): boolean => (blocked.size > 0 && domains?.some((d) => blocked.has(d))) ?? false;

// ---- Followed hashtags, in memory ----
// Home only, beside showsInHome (a status shows at home when either says so); the viewer's own
// posts come home anyway; mutes, blocks and domain blocks hide it as they hide the rest (hidesAny, hidesDomain).

/** A public post (not a reblog) carrying a hashtag the viewer follows, by someone else. */
export function showsByFollowedTag(viewerId: string, followedTags: ReadonlySet<string>, route: Route): boolean {
  if (route.authorId === viewerId || !route.publicTags) return false;
  return route.publicTags.some((t) => followedTags.has(t));
}

// ---- In SQL ----
// Each query names the status and the follow as it reads them; the fragments say the rule.

/** A status as one query reads it. */
export interface StatusSql {
  /** true unless it is a reblog */
  notReblog: SQL;
  /** the reblogged status's author (only read for reblogs) */
  originalAuthor: SQL;
  /** true unless it replies to an account other than its author */
  notReplyToOther: SQL;
  /** the account it replies to */
  replyTo: SQL;
  /** the language a follow's choice is matched against (a reblog's: its original's); may be null */
  language: SQL;
}

/** A column of the status `s` reblogs. */
const reblogged = (column: string) => sql.raw(`(select o.${column} from statuses o where o.id = s.reblog_of_id)`);
/** A status of the statuses table read as `s` (the home and list pages, the merge on follow). */
export const storedStatus: StatusSql = {
  notReblog: sql`s.reblog_of_id is null`,
  originalAuthor: reblogged('account_id'),
  notReplyToOther: sql`s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id`,
  replyTo: sql`s.in_reply_to_account_id`,
  language: sql`coalesce(${reblogged('language')}, s.language)`,
};

/** The viewer's follow of the author, as one query reads it. */
export interface FollowSql {
  viewer: SQL;
  showReblogs: SQL;
  /** null: every language */
  languages: SQL;
}

/** A list's replies policy and members (a bigint[]), for the list page. */
export interface RepliesSql {
  policy: SQL;
  members: SQL;
}

/** Statuses a home or list may hold: not direct messages (fan-out gives those to mentioned followers). */
export const homeVisibility = (visibility: SQL): SQL => sql`${visibility} in ('public', 'unlisted', 'private')`;

/** A direct message reaches only the homes of the followers it mentions (fan-out: pages and streams never carry one). */
export const directReaches = (isDirect: SQL, viewer: SQL, mentioned: SQL): SQL => sql`(not ${isDirect} or ${viewer} = any(${mentioned}))`;

/** The viewer follows the account. */
const followsAccount = (viewer: SQL, account: SQL): SQL => sql`exists (select 1 from follows f2 where f2.account_id = ${viewer} and f2.target_account_id = ${account})`;

/** Which replies to others show: home (no `replies` given), replies to followed accounts; a list, as its policy says. */
function repliesShown(follow: FollowSql, status: StatusSql, replies: RepliesSql | undefined): SQL {
  if (!replies) return sql`(${status.notReplyToOther} or ${followsAccount(follow.viewer, status.replyTo)})`;
  return sql`(${status.notReplyToOther}
               or (${replies.policy} = 'followed' and ${followsAccount(follow.viewer, status.replyTo)})
               or (${replies.policy} = 'list' and ${status.replyTo} = any(${replies.members})))`;
}

/** The status of a followed author shows to the follower (showsInHome's and showsInList's conditions on a follow). */
export function followShows(follow: FollowSql, status: StatusSql, replies?: RepliesSql): SQL {
  return sql`(${status.notReblog} or (${follow.showReblogs} and ${status.originalAuthor} <> ${follow.viewer}))
          and ${repliesShown(follow, status, replies)}
          and (${follow.languages} is null or ${status.language} is null or ${status.language} = any(${follow.languages}))`;
}

/** The member is in one of the owner's exclusive lists: its posts stay out of the owner's home. */
export const inExclusiveList = (owner: SQL, member: SQL): SQL =>
  sql`exists (select 1 from list_accounts la join lists l on l.id = la.list_id where l.account_id = ${owner} and l.exclusive and la.account_id = ${member})`;

/** A block either way between the viewer and an author; `authors` completes `account_id …` (`in (…)`, `= any(…)`). */
export const notBlocked = (viewer: SQL, authors: SQL): SQL =>
  sql`not exists (select 1 from blocks b where (b.account_id = ${viewer} and b.target_account_id ${authors})
                  or (b.target_account_id = ${viewer} and b.account_id ${authors}))`;

/** A mute that has not ended (`expires` is the mute's expires_at). */
export const muteInForce = (expires: SQL): SQL => sql`(${expires} is null or ${expires} > now())`;

/** No author of a server the viewer blocks (hidesDomain in memory). */
export const notDomainBlocked = (viewer: SQL, authors: SQL): SQL =>
  sql`not exists (select 1 from accounts da join account_domain_blocks adb on adb.account_id = ${viewer} and adb.domain = da.domain where da.id ${authors})`;

/** Nothing from authors the viewer mutes or blocks, who block the viewer, or of servers it blocks (hidesAny and hidesDomain in memory). */
export const notHidden = (viewer: SQL, authors: SQL): SQL =>
  sql`not exists (select 1 from mutes mu where mu.account_id = ${viewer} and mu.target_account_id ${authors} and ${muteInForce(sql`mu.expires_at`)})
      and ${notBlocked(viewer, authors)}
      and ${notDomainBlocked(viewer, authors)}`;

/**
 * For a cache of who sees an author's posts (see audiences), which must know when the answer
 * changes: the viewer's mute of the author that hides it now, left-joined as `mu`. A follower with
 * `mu.expires_at` is hidden until then; one with a mute for good (`mutedForGood`) for ever.
 */
export const hidingMute = (viewer: SQL, author: SQL): SQL => sql`left join mutes mu on mu.account_id = ${viewer} and mu.target_account_id = ${author} and ${muteInForce(sql`mu.expires_at`)}`;
export const mutedForGood: SQL = sql`(mu.account_id is not null and mu.expires_at is null)`;

// ---- Followed hashtags, in SQL ----
// Each query joins the status's hashtags (status_tags) to their follows (tag_follows); the fragment
// says which statuses come home by them (showsByFollowedTag in memory). Mutes and blocks apply as
// notHidden says, beside it.

/** A status as the followers of its hashtags read it. */
export interface TaggedSql {
  author: SQL;
  visibility: SQL;
  /** null unless it is a reblog */
  reblogOf: SQL;
}

/** The status comes to the homes of its hashtags' followers: public, not a reblog, and not the viewer's own (which comes home anyway). */
export const reachesTagFollower = (viewer: SQL, status: TaggedSql): SQL => sql`(${status.visibility} = 'public' and ${status.reblogOf} is null and ${status.author} <> ${viewer})`;
