// Who receives statuses whose facts are known (see fanout): ordinary posts go to their authors'
// audiences (see audiences); the others (reblogs, replies to others, direct messages) are chosen
// in one query for the batch, by the home rule's SQL (home-rule); public posts also go to the
// followers of their hashtags (fanout-tags).
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import type { Changes } from '../changes.ts';
import type { StatusFacts } from '../live.ts';
import { activeFollower, pushedTo, type Audiences } from './audiences.ts';
import { tagFollowersOf } from './fanout-tags.ts';
import { directReaches, followShows, inExclusiveList, notHidden, type FollowSql, type StatusSql } from './home-rule.ts';

/** A batch's status and a follower of its author, as queryRecipients reads them (`p` given, `f` follows). */
const batchStatus: StatusSql = { notReblog: sql`not p.reblog`, originalAuthor: sql`p.original`, notReplyToOther: sql`p.reply_to is null`, replyTo: sql`p.reply_to`, language: sql`p.lang` };
export const follower: FollowSql = { viewer: sql`f.account_id`, showReblogs: sql`f.show_reblogs`, languages: sql`f.languages` };

/** A post whose recipients are its author's audience (see audiences): most posts. */
const ordinary = (f: StatusFacts): boolean => f.reblogOfId === null && f.visibility !== 'direct' && (f.inReplyToAccountId === null || f.inReplyToAccountId === f.accountId);

/** The batch's statuses as a VALUES list (see queryRecipients). */
const givenStatuses = (list: readonly StatusFacts[]) =>
  sql.join(
    list.map((f) => {
      const original = f.originalAuthor ?? f.accountId;
      const replyTo = f.inReplyToAccountId && f.inReplyToAccountId !== f.accountId ? f.inReplyToAccountId : null;
      return sql`(${f.id}::bigint, ${f.accountId}::bigint, ${original}::bigint, ${f.reblogOfId !== null}::boolean, ${replyTo}::bigint, ${f.language}::text, ${f.visibility === 'direct'}::boolean, ${`{${f.mentioned.join(',')}}`}::bigint[])`;
    }),
    sql`, `,
  );

/**
 * The recipients of statuses whose facts are known, in one query for a whole batch. Each status's
 * author and the other accounts involved are given as values, and each author's followers are
 * read through the follows index (a lateral join), so PostgreSQL reads exactly those followers
 * whatever its statistics say (without them, it once planned a scan of every account per batch).
 */
async function queryRecipients(db: Db, inactiveDays: number, list: readonly StatusFacts[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(list.map((f) => [f.id, []]));
  if (list.length === 0) return found;
  // A VALUES list, not a JSON document: PostgreSQL then knows how many statuses it reads, and
  // plans index look-ups for their followers instead of scanning accounts and users.
  const result = await db.execute<{ status_id: string; account_id: string }>(sql`
    with given (status_id, author, original, reblog, reply_to, lang, direct, mentioned) as (values ${givenStatuses(list)}), p as (
      -- Accounts with very many followers are not pushed (their followers pull at read time),
      -- except their direct messages.
      select given.* from given left join account_stats st on st.account_id = given.author
      where given.direct or not coalesce(st.pulled, false)
    )
    select given.status_id, given.author as account_id from given where exists (select 1 from accounts a where a.id = given.author and a.domain is null)
    union
    select p.status_id, f.account_id from p
      -- offset 0 keeps the lateral join: each author's followers through the follows index
      cross join lateral (select f.account_id, f.show_reblogs, f.languages from follows f where f.target_account_id = p.author offset 0) f
      join accounts fa on fa.id = f.account_id and fa.domain is null and fa.suspended_at is null
      left join users fu on fu.account_id = f.account_id
    where ${directReaches(sql`p.direct`, sql`f.account_id`, sql`p.mentioned`)}
      and ${followShows(follower, batchStatus)}
      and ${activeFollower(inactiveDays)}
      and not ${inExclusiveList(sql`f.account_id`, sql`p.author`)}
      -- mutes and blocks of either author hide a reblog
      and ${notHidden(sql`f.account_id`, sql`in (p.author, p.original)`)}`);
  for (const r of result.rows) found.get(String(r.status_id))?.push(String(r.account_id));
  return found;
}

export function createRecipients(deps: { db: Db; audiences: Audiences; changes: Changes; pullThreshold: number; inactiveDays: number }) {
  const { db, audiences, changes, pullThreshold, inactiveDays } = deps;

  /**
   * Marks the authors who now have more followers than the pull threshold, before their posts'
   * recipients are read: those posts are pulled, not pushed, and every home read must pull them from
   * now on (the caches that say who is pulled forget, see core/changes, before the batch goes on).
   */
  async function markPulled(list: readonly StatusFacts[]): Promise<void> {
    const authors = [...new Set(list.filter((f) => f.visibility !== 'direct').map((f) => f.accountId))];
    if (authors.length === 0) return;
    // Never waits: this runs on a connection of its own, while the caller may hold an author's row
    // (a deletion uncounts its status before reading who received it). A row locked elsewhere is
    // marked by a later post; this one is pushed meanwhile, as before the author crossed.
    const { rows } = await db.execute(sql`
      update account_stats set pulled = true
      where account_id in (
        select account_id from account_stats where account_id = any(${`{${authors.join(',')}}`}::bigint[])
          and not pulled and followers_count > ${pullThreshold} for update skip locked)
      returning account_id::text`);
    if (rows.length > 0) await changes.committed({ type: 'authors.pulled', accountIds: rows.map((r) => String(r.account_id)) });
  }

  /**
   * The recipients of statuses whose facts are known: ordinary posts from their authors' audiences,
   * the others (reblogs, replies to others, direct messages) in one query for the batch.
   */
  return async function recipientsOf(list: readonly StatusFacts[]): Promise<Map<string, string[]>> {
    if (list.length === 0) return new Map();
    await markPulled(list);
    const simple = list.filter(ordinary);
    const [byAuthor, others, byTag] = await Promise.all([
      simple.length > 0 ? audiences.of(simple.map((f) => f.accountId)) : new Map<string, never>(),
      queryRecipients(
        db,
        inactiveDays,
        list.filter((f) => !ordinary(f)),
      ),
      tagFollowersOf(db, inactiveDays, list),
    ]);
    for (const f of simple) {
      const audience = byAuthor.get(f.accountId);
      others.set(f.id, audience ? pushedTo(audience, f.accountId, f.language) : []);
    }
    // Followers of its hashtags get it too (home-rule), once.
    for (const [statusId, followers] of byTag) others.set(statusId, [...new Set([...(others.get(statusId) ?? []), ...followers])]);
    return others;
  };
}
