// Followed hashtags (tag_follows): followed and unfollowed, paged through, and read by open streams.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import type { PageOver } from '../relations/related-accounts.ts';
import { tagFollows, tags } from '../schema/index.ts';
import type { TagRow } from './tags.ts';

/** Follows a tag; a tag already followed stays followed as it was. */
export async function insertTagFollow(db: DbOrTx, row: { id: string; accountId: string; tagId: string }): Promise<void> {
  await db.insert(tagFollows).values(row).onConflictDoNothing();
}

export async function deleteTagFollow(db: DbOrTx, accountId: string, tagId: string): Promise<void> {
  await db.delete(tagFollows).where(and(eq(tagFollows.accountId, accountId), eq(tagFollows.tagId, tagId)));
}

/** A page of the account's followed tags, each with its cursor (the follow's id). */
export async function followedTagRows(db: DbOrTx, accountId: string, page: { over: PageOver; limit: number }): Promise<{ cursor: string; tag: TagRow }[]> {
  const p = page.over(tagFollows.id);
  return db
    .select({ cursor: tagFollows.id, tag: { id: tags.id, name: tags.name, displayName: tags.displayName } })
    .from(tagFollows)
    .innerJoin(tags, eq(tags.id, tagFollows.tagId))
    .where(and(eq(tagFollows.accountId, accountId), p.where))
    .orderBy(p.order)
    .limit(page.limit);
}

/** The (lower-case) names of the tags an account follows: what its open home streams listen to. */
export async function followedTagNames(db: DbOrTx, accountId: string): Promise<string[]> {
  const { rows } = await db.execute<{ name: string }>(sql`select t.name from ${tagFollows} f join ${tags} t on t.id = f.tag_id where f.account_id = ${accountId}`);
  return rows.map((r) => r.name);
}
