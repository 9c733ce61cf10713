// What counts as a use of each kind of trend: rows of (key, status_id, account_id, created_at) since
// a moment, written once for scoring and for the history. Each reads statuses by id range from the
// moment's id (ids grow with time), so a run costs what was posted since, not all statuses.
import { sql, type SQL } from 'drizzle-orm';
import { idAtTime } from '../../core/ids.ts';
import { listable } from '../discovery/listable.ts';

/** A post anyone may see and nothing hides: public, no content warning, its author not suspended (`a`). */
const plainPublic = (s: string): SQL => sql.raw(`${s}.visibility = 'public' and not ${s}.sensitive and ${s}.spoiler_text = ''`);

/**
 * Favourites and reblogs of a status, one row each, by anyone (local or remote) but its author.
 * The status itself is checked by the scorer.
 */
export function statusInteractions(since: Date): SQL {
  const from = idAtTime(since.getTime());
  return sql`select f.status_id as key, f.account_id, f.created_at from favourites f
      where f.id >= ${from} and f.created_at > ${since.toISOString()}::timestamptz
    union all
    select r.reblog_of_id as key, r.account_id, r.created_at from statuses r
      where r.id >= ${from} and r.reblog_of_id is not null and r.created_at > ${since.toISOString()}::timestamptz`;
}

/** Public posts (not reblogs) carrying a tag, by accounts not suspended: the tag's id as key. */
export function tagUses(since: Date): SQL {
  return sql`select st.tag_id::text as key, s.id as status_id, s.account_id, s.created_at
    from statuses s join status_tags st on st.status_id = s.id join accounts a on a.id = s.account_id
    where s.id >= ${idAtTime(since.getTime())} and s.visibility = 'public' and s.reblog_of_id is null
      and s.created_at > ${since.toISOString()}::timestamptz and a.suspended_at is null`;
}

/**
 * Shares of an address: a plain public post linking to it by an author who opted into discovery
 * (the link timeline's rule), or a public reblog of one (shared by the reblogger).
 */
export function linkShares(since: Date): SQL {
  const from = idAtTime(since.getTime());
  const at = since.toISOString();
  return sql`select sl.url as key, s.id as status_id, s.account_id, s.created_at
      from statuses s join status_links sl on sl.status_id = s.id join accounts a on a.id = s.account_id
      where s.id >= ${from} and s.reblog_of_id is null and s.created_at > ${at}::timestamptz and ${plainPublic('s')} and ${listable}
    union all
    select sl.url, r.id, r.account_id, r.created_at
      from statuses r join statuses s on s.id = r.reblog_of_id join status_links sl on sl.status_id = s.id
        join accounts a on a.id = s.account_id join accounts ra on ra.id = r.account_id
      where r.id >= ${from} and r.reblog_of_id is not null and r.visibility = 'public' and r.created_at > ${at}::timestamptz
        and ra.suspended_at is null and ${plainPublic('s')} and ${listable}`;
}

/** A status that may trend (`s`, its author `a`): plain public, not a reply, its author opted in. */
export const trendableStatus: SQL = sql`s.reblog_of_id is null and s.in_reply_to_id is null and ${plainPublic('s')} and ${listable}`;
