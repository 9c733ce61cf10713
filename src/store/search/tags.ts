// Finding hashtags by the start of their name (pg_trgm's GIN index on the name answers LIKE 'x%').
import { asc, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { tags } from '../schema/index.ts';
import { escapeLike } from './accounts.ts';

export interface TagMatch {
  id: string;
  name: string;
  displayName: string;
}

/** Tags whose lower-case name starts with `name`, the exact one first. */
export function tagsStartingWith(db: Db, name: string, page: { limit: number; offset: number }): Promise<TagMatch[]> {
  return db
    .select({ id: tags.id, name: tags.name, displayName: tags.displayName })
    .from(tags)
    .where(sql`${tags.name} like ${`${escapeLike(name)}%`}`)
    .orderBy(sql`${tags.name} = ${name} desc`, asc(tags.name))
    .limit(page.limit)
    .offset(page.offset);
}
