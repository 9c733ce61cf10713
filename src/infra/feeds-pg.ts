// Home feeds in PostgreSQL (the home_feeds table): the store for one process, and the reference
// the Redis stores agree with (test/infra/feeds-agreement.test.ts).
import { asc, sql } from 'drizzle-orm';
import { homeFeeds } from '../store/schema/index.ts';
import type { Db } from '../store/db.ts';
import { createGroupCommit } from './group-commit.ts';
import { FEED_CAP, lowerBound, TRIM_EVERY, type FeedStore } from './feed-store.ts';

export function createPgFeedStore(db: Db): FeedStore {
  // Pages above min_id (read oldest first, then turned round): prepared once. A missing bound is
  // null, which the generic plan handles as well (a feed holds at most FEED_CAP rows, read by its
  // primary key).
  const pageUp = db
    .select({ id: homeFeeds.statusId })
    .from(homeFeeds)
    .where(
      sql`${homeFeeds.accountId} = ${sql.placeholder('account')}
        and (${sql.placeholder('below')}::bigint is null or ${homeFeeds.statusId} < ${sql.placeholder('below')}::bigint)
        and (${sql.placeholder('above')}::bigint is null or ${homeFeeds.statusId} > ${sql.placeholder('above')}::bigint)`,
    )
    .orderBy(asc(homeFeeds.statusId))
    .limit(sql.placeholder('limit'))
    .prepare('home_feed_page_up');
  // Pages read at the same moment (newest first, the way nearly every read goes) share one
  // statement, as posts do (infra/group-commit): in the embedded set-up a statement per home
  // read cost more in the socket writes and wake-ups of PostgreSQL than in its reading.
  const pagesDown = createGroupCommit(
    async (asks: { accountId: string; below: string | null; above: string | null; limit: number }[]) => {
      const list = (values: (string | number | null)[]) => `{${values.map((v) => v ?? 'NULL').join(',')}}`;
      const { rows } = await db.$client.query<{ i: string; id: string }>({
        name: 'home_feed_pages_down',
        text: PAGES_DOWN,
        values: [list(asks.map((a) => a.accountId)), list(asks.map((a) => a.below)), list(asks.map((a) => a.above)), list(asks.map((a) => a.limit))],
      });
      const pages = asks.map((): string[] => []);
      for (const r of rows) pages[Number(r.i) - 1]!.push(r.id);
      return pages;
    },
    { maxGroup: 64, concurrency: 2 },
  );

  /**
   * Cuts feeds down to FEED_CAP entries. Each feed's cut is found in its own index entries, and the
   * rows past it are deleted by their row ids: a join of the feeds against the whole table was
   * once planned as a scan of tens of millions of rows.
   */
  async function trim(accountIds: readonly string[]): Promise<void> {
    if (accountIds.length === 0) return;
    await db.execute(sql`
      delete from home_feeds where ctid = any(array(
        select old.ctid
        from (select a.id, (select f.status_id from home_feeds f where f.account_id = a.id order by f.status_id desc offset ${FEED_CAP} limit 1) as cut
              from unnest(${`{${[...new Set(accountIds)].join(',')}}`}::bigint[]) as a(id)) t
        cross join lateral (select h.ctid from home_feeds h where h.account_id = t.id and h.status_id <= t.cut) old))`);
  }

  return {
    async clear(accountId) {
      await db.execute(sql`delete from home_feeds where account_id = ${accountId}`);
    },

    async push(entries) {
      const accounts: string[] = [];
      const statuses: string[] = [];
      for (const e of entries) {
        for (const a of e.accountIds) {
          accounts.push(a);
          statuses.push(e.statusId);
        }
      }
      if (accounts.length === 0) return;
      await db.execute(sql`
        insert into home_feeds (account_id, status_id)
        select * from unnest(${`{${accounts.join(',')}}`}::bigint[], ${`{${statuses.join(',')}}`}::bigint[])
        on conflict do nothing`);
      // A trim reads a feed's FEED_CAP newest index entries to find the cut: after every push it
      // would cost more than the push. A feed is trimmed when the low digits of the pair add up to
      // a multiple of TRIM_EVERY, about one push in TRIM_EVERY (exactly one in a run of consecutive
      // ids), so it outgrows the cap by that many entries at most. One in 50 held fan-out to 10,000
      // full feeds at 3–5 posts a second (bench/scale.ts).
      await trim(accounts.filter((a, i) => (Number(a.slice(-6)) + Number(statuses[i]!.slice(-6))) % TRIM_EVERY === 0));
    },

    async merge(accountId, statusIds) {
      if (statusIds.length === 0) return;
      await db.execute(sql`
        insert into home_feeds (account_id, status_id)
        select ${accountId}::bigint, unnest(${`{${statusIds.join(',')}}`}::bigint[])
        on conflict do nothing`);
      await trim([accountId]);
    },

    async removeAuthor(accountId, authorId) {
      await db.execute(sql`
        delete from home_feeds h using statuses s
        left join statuses o on o.id = s.reblog_of_id
        where h.account_id = ${accountId} and h.status_id = s.id
          and (s.account_id = ${authorId} or o.account_id = ${authorId})`);
    },

    async removeStatus(statusIds, accountIds) {
      if (statusIds.length === 0 || accountIds.length === 0) return;
      // By primary key: the feeds the status went to, not a scan of every feed for the status.
      await db.execute(sql`
        delete from home_feeds where account_id = any(${`{${accountIds.join(',')}}`}::bigint[]) and status_id = any(${`{${statusIds.join(',')}}`}::bigint[])`);
    },

    async page(accountId, p) {
      if (!p.minId) return pagesDown.submit({ accountId, below: p.maxId ?? null, above: lowerBound(p) ?? null, limit: p.limit });
      const rows = await pageUp.execute({ account: accountId, below: p.maxId ?? null, above: lowerBound(p) ?? null, limit: p.limit });
      return rows.map((r) => r.id).reverse();
    },
  };
}

/** Newest-first pages of several feeds (account, below, above, limit per page), each page's ids tagged with its place. */
const PAGES_DOWN = `
  select q.i::text as i, f.status_id::text as id
  from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::int[]) with ordinality as q(account, below, above, lim, i)
  cross join lateral (
    select h.status_id from home_feeds h
    where h.account_id = q.account and (q.below is null or h.status_id < q.below) and (q.above is null or h.status_id > q.above)
    order by h.status_id desc limit q.lim
  ) f
  order by q.i, f.status_id desc`;
