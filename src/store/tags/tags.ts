// Hashtags by name (the tags table; statuses link them in statuses/compose), and what a viewer does
// with them: follows and features.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { featuredTags, tagFollows, tags } from '../schema/index.ts';

export interface TagRow {
  id: string;
  /** lower-case, as matched */
  name: string;
  /** as first written */
  displayName: string;
}

const tagColumns = { id: tags.id, name: tags.name, displayName: tags.displayName };

/** The tag of this (lower-case) name, if any post or follow made it. */
export async function tagByName(db: DbOrTx, name: string): Promise<TagRow | undefined> {
  const [found] = await db.select(tagColumns).from(tags).where(eq(tags.name, name));
  return found;
}

/** The tag of this name, made now (spelt `displayName`) if it does not exist. */
export async function ensureTag(db: DbOrTx, row: TagRow): Promise<TagRow> {
  await db.insert(tags).values(row).onConflictDoNothing();
  return (await tagByName(db, row.name))!;
}

/** Which of these tags the viewer follows, and which it features. */
export async function tagStates(db: DbOrTx, viewerId: string, tagIds: readonly string[]): Promise<{ following: Set<string>; featuring: Set<string> }> {
  if (tagIds.length === 0) return { following: new Set(), featuring: new Set() };
  const { rows } = await db.execute<{ tag_id: string; following: boolean }>(sql`
    select tag_id::text, true as following from ${tagFollows} where account_id = ${viewerId} and tag_id = any(${`{${tagIds.join(',')}}`}::bigint[])
    union all
    select tag_id::text, false from ${featuredTags} where account_id = ${viewerId} and tag_id = any(${`{${tagIds.join(',')}}`}::bigint[])`);
  return { following: new Set(rows.filter((r) => r.following).map((r) => r.tag_id)), featuring: new Set(rows.filter((r) => !r.following).map((r) => r.tag_id)) };
}
