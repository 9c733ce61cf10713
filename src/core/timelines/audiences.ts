// Who receives an author's ordinary posts (not a reblog, a reply to someone else or a direct
// message): kept per author in every process, so that fan-out asks PostgreSQL nothing for an author
// who posted in the last minute. Choosing each follower in SQL (follows, accounts, users, mutes,
// blocks, exclusive lists) cost ~3.7 µs a follower: the largest share of PostgreSQL's work per post.
//
// An audience changes when someone follows, unfollows, mutes, blocks or changes a follow's choices
// (relations forget both accounts), blocks or unblocks a domain (the blocker and the accounts it
// ended follows with are forgotten), when an exclusive list gains or loses the author (lists forget
// its members), when the author crosses the pull threshold (fan-out forgets it), when a follower
// comes back after a long absence (activity forgets the accounts it follows) and when an account is
// suspended (everything is forgotten). A follower's mute that expires ends the audience's life.
// Each is forgotten on every process through the bus (see infra/shared-cache).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import { hidingMute, inExclusiveList, mutedForGood, notBlocked, notDomainBlocked } from './home-rule.ts';

export interface Audience {
  /** a local author's own home gets its posts */
  local: boolean;
  /** above the pull threshold: followers pull its posts, nothing is pushed (but direct messages) */
  pulled: boolean;
  /** local followers who get its posts pushed */
  followers: string[];
  /** the language choices of the followers who made one */
  languages: [follower: string, languages: string[]][];
  /** when the first of its followers' expiring mutes of the author ends (ms since the epoch) */
  until: number | null;
}

/** Bounds what a process that missed a message could serve, and the activity filter's lag. */
const TTL_MS = 60_000;
const MAX_AUTHORS = 50_000;
/** Followers kept in all (an id costs ~50 bytes): a busy server's posting authors, not every account. */
const MAX_FOLLOWERS = 1_000_000;

/**
 * Followers away for long get no pushes: their feed is rebuilt when they come back. A condition on
 * the follower's `users` row, joined as `fu` (no row: a remote or new account, pushed to).
 */
export const activeFollower = (inactiveDays: number): SQL => (inactiveDays > 0 ? sql`(fu.last_active_at is null or fu.last_active_at >= now() - make_interval(days => ${inactiveDays}))` : sql`true`);

export function createAudiences(deps: { db: Db; bus: Bus; inactiveDays: number }) {
  const { db, bus, inactiveDays } = deps;
  const active = activeFollower(inactiveDays);

  async function read(authorIds: string[]): Promise<Map<string, Audience>> {
    const { rows } = await db.execute<{ author: string; local: boolean | null; pulled: boolean | null; follower: string | null; languages: string[] | null; muted_until: Date | null }>(sql`
      with authors as (
        select a.id, a.domain is null as local, coalesce(st.pulled, false) as pulled
        from accounts a left join account_stats st on st.account_id = a.id
        where a.id = any(${`{${authorIds.join(',')}}`}::bigint[])
      )
      select au.id::text as author, au.local, au.pulled, null::text as follower, null::text[] as languages, null::timestamptz as muted_until from authors au
      union all
      select au.id::text, null, null, f.account_id::text, f.languages, mu.expires_at
      from authors au
        -- offset 0 keeps the lateral join: each author's followers through the follows index
        cross join lateral (select f.account_id, f.languages from follows f where f.target_account_id = au.id offset 0) f
        join accounts fa on fa.id = f.account_id and fa.domain is null and fa.suspended_at is null
        left join users fu on fu.account_id = f.account_id
        ${hidingMute(sql`f.account_id`, sql`au.id`)}
      where not au.pulled and ${active}
        -- The home rule for ordinary posts (see home-rule). A mute for good leaves the follower out;
        -- one that ends is told, to end the audience's life (the follower is left out below).
        and not ${mutedForGood}
        and not ${inExclusiveList(sql`f.account_id`, sql`au.id`)}
        and ${notBlocked(sql`f.account_id`, sql`= au.id`)}
        and (au.local or ${notDomainBlocked(sql`f.account_id`, sql`= au.id`)})`);
    const found = new Map<string, Audience>();
    for (const r of rows) if (r.follower === null) found.set(r.author, { local: r.local === true, pulled: r.pulled === true, followers: [], languages: [], until: null });
    for (const r of rows) {
      if (r.follower === null) continue;
      const audience = found.get(r.author)!;
      // Muted until then (see home-rule's hidingMute): the audience holds until the first such end.
      if (r.muted_until !== null) {
        const mutedUntil = new Date(r.muted_until).getTime();
        audience.until = Math.min(audience.until ?? mutedUntil, mutedUntil);
        continue;
      }
      audience.followers.push(r.follower);
      if (r.languages !== null) audience.languages.push([r.follower, r.languages]);
    }
    return found;
  }

  const cache = createSharedCache<Audience>(bus, 'audiences', {
    max: MAX_AUTHORS,
    ttlMs: TTL_MS,
    reload: read,
    endsAt: (a) => a.until,
    size: { max: MAX_FOLLOWERS, of: (a) => a.followers.length },
  });

  return {
    /** The audiences of these authors; unknown accounts are left out. */
    of: (authorIds: readonly string[]): Promise<Map<string, Audience>> => cache.getMany(authorIds, read),
    /** Relations, exclusive lists or the pull threshold changed for these accounts (call once committed). */
    forget: (accountIds: readonly string[]): Promise<void> => cache.forget([...new Set(accountIds)]),
    /** A change that may touch any audience (a suspension). */
    forgetAll: (): Promise<void> => cache.forgetAll(),
    /** A follower is back after a long absence: the accounts it follows push to it again. */
    async returned(accountId: string): Promise<void> {
      const { rows } = await db.execute<{ id: string }>(sql`select target_account_id::text as id from follows where account_id = ${accountId}`);
      await cache.forget(rows.map((r) => r.id));
    },
  };
}

/** Who of an audience gets a post in this language (a follow may ask for some languages only). */
export function pushedTo(audience: Audience, authorId: string, language: string | null): string[] {
  const out = audience.local ? [authorId] : [];
  if (audience.pulled) return out;
  if (language === null || audience.languages.length === 0) return out.concat(audience.followers);
  const refused = new Set(audience.languages.filter(([, langs]) => !langs.includes(language)).map(([id]) => id));
  for (const id of audience.followers) if (!refused.has(id)) out.push(id);
  return out;
}

export type Audiences = ReturnType<typeof createAudiences>;
