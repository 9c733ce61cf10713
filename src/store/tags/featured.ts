// Featured hashtags (featured_tags): an account's, with the public and unlisted posts carrying each
// (counted when featured, then kept current: see core/tags/featured-counts), and suggestions.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { featuredTags, tags } from '../schema/index.ts';
import type { TagRow } from './tags.ts';

export interface FeaturedRow {
  id: string;
  tag: TagRow;
  statusesCount: number;
  lastStatusAt: Date | null;
}

/** The statuses that count for a featured tag: the account's own posts anyone may read (not reblogs, which carry no tags). */
const counted = (s: string): SQL => sql.raw(`${s}.visibility in ('public', 'unlisted') and ${s}.reblog_of_id is null`);

const featuredColumns = {
  id: featuredTags.id,
  tag: { id: tags.id, name: tags.name, displayName: tags.displayName },
  statusesCount: featuredTags.statusesCount,
  lastStatusAt: featuredTags.lastStatusAt,
};

/** The account's featured tags, most used first. */
export function featuredOf(db: DbOrTx, accountId: string): Promise<FeaturedRow[]> {
  return db
    .select(featuredColumns)
    .from(featuredTags)
    .innerJoin(tags, eq(tags.id, featuredTags.tagId))
    .where(eq(featuredTags.accountId, accountId))
    .orderBy(desc(featuredTags.statusesCount), featuredTags.id);
}

export async function featuredOne(db: DbOrTx, accountId: string, tagId: string): Promise<FeaturedRow | undefined> {
  const [found] = await db
    .select(featuredColumns)
    .from(featuredTags)
    .innerJoin(tags, eq(tags.id, featuredTags.tagId))
    .where(and(eq(featuredTags.accountId, accountId), eq(featuredTags.tagId, tagId)));
  return found;
}

export async function countFeatured(db: DbOrTx, accountId: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${featuredTags} where account_id = ${accountId}`);
  return rows[0]!.n;
}

/** Features a tag, counting the account's posts that carry it; one already featured stays as it is. */
export async function insertFeatured(db: DbOrTx, row: { id: string; accountId: string; tagId: string }): Promise<void> {
  await db.execute(sql`
    insert into featured_tags (id, account_id, tag_id, statuses_count, last_status_at)
    select ${row.id}, ${row.accountId}, ${row.tagId}, count(*), max(s.created_at)
    from status_tags st join statuses s on s.id = st.status_id
    where st.tag_id = ${row.tagId} and s.account_id = ${row.accountId} and ${counted('s')}
    on conflict (account_id, tag_id) do nothing`);
}

/** Stops featuring; the tag it was, if it was the account's. */
export async function deleteFeatured(db: DbOrTx, accountId: string, where: { id: string } | { tagId: string }): Promise<string | undefined> {
  const [gone] = await db
    .delete(featuredTags)
    .where(and(eq(featuredTags.accountId, accountId), 'id' in where ? eq(featuredTags.id, where.id) : eq(featuredTags.tagId, where.tagId)))
    .returning({ tagId: featuredTags.tagId });
  return gone?.tagId;
}

/** The featured tags these statuses carry, per account and tag (statuses not yet deleted). */
const carried = (statusIds: readonly string[]) => sql`
  select s.account_id, st.tag_id, count(*)::int as n, max(s.created_at) as last
  from statuses s join status_tags st on st.status_id = s.id
  where s.id = any(${`{${statusIds.join(',')}}`}::bigint[]) and s.local and ${counted('s')}
  group by s.account_id, st.tag_id order by s.account_id, st.tag_id`;

/** New statuses counted on the featured tags they carry (fan-out's count, exactly once). */
export async function addToFeatured(tx: Pick<DbOrTx, 'execute'>, statusIds: readonly string[]): Promise<void> {
  if (statusIds.length === 0) return;
  await tx.execute(sql`
    update featured_tags ft set statuses_count = ft.statuses_count + x.n, last_status_at = greatest(ft.last_status_at, x.last)
    from (${carried(statusIds)}) x where ft.account_id = x.account_id and ft.tag_id = x.tag_id`);
}

/** Statuses about to go (or to lose their tags) leave the featured tags they carry; the newest other post says when it was last used. */
export async function removeFromFeatured(tx: Pick<DbOrTx, 'execute'>, statusIds: readonly string[]): Promise<void> {
  if (statusIds.length === 0) return;
  const ids = `{${statusIds.join(',')}}`;
  await tx.execute(sql`
    update featured_tags ft set statuses_count = greatest(ft.statuses_count - x.n, 0),
      last_status_at = (
        select s.created_at from statuses s
        where s.account_id = ft.account_id and ${counted('s')} and s.id <> all(${ids}::bigint[])
          and exists (select 1 from status_tags st where st.status_id = s.id and st.tag_id = ft.tag_id)
        order by s.id desc limit 1)
    from (${carried(statusIds)}) x where ft.account_id = x.account_id and ft.tag_id = x.tag_id`);
}

/** The tags the account used most in its latest 1,000 posts, not featured yet (Mastodon's suggestions). */
export async function suggestedTags(db: DbOrTx, accountId: string, limit: number): Promise<TagRow[]> {
  const { rows } = await db.execute<{ id: string; name: string; display_name: string }>(sql`
    select t.id::text, t.name, t.display_name
    from (select id from statuses where account_id = ${accountId} order by id desc limit 1000) s
    join status_tags st on st.status_id = s.id join tags t on t.id = st.tag_id
    where not exists (select 1 from featured_tags ft where ft.account_id = ${accountId} and ft.tag_id = t.id)
    group by t.id order by count(*) desc, max(s.id) desc limit ${limit}`);
  return rows.map((r) => ({ id: r.id, name: r.name, displayName: r.display_name }));
}
