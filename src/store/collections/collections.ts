// The collections table: an account's collections, read with their hashtag and owner, made,
// changed and deleted.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { collections, type CollectionRow } from '../schema/index.ts';

/** A collection as the core reads it: its row, its hashtag and its owner's name and standing. */
export interface CollectionRecord extends CollectionRow {
  tagName: string | null;
  tagDisplayName: string | null;
  ownerUsername: string;
  ownerSuspended: boolean;
}

const SELECT = sql`select c.id::text as id, c.account_id::text as "accountId", c.name, c.description, c.language, c.sensitive,
    c.discoverable, c.tag_id::text as "tagId", c.created_at as "createdAt", c.updated_at as "updatedAt",
    t.name as "tagName", t.display_name as "tagDisplayName", a.username as "ownerUsername", a.suspended_at is not null as "ownerSuspended"
  from collections c join accounts a on a.id = c.account_id left join tags t on t.id = c.tag_id`;

const rows = async (db: DbOrTx, query: ReturnType<typeof sql>): Promise<CollectionRecord[]> =>
  (await db.execute<Record<string, unknown>>(query)).rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt as string), updatedAt: new Date(r.updatedAt as string) }) as CollectionRecord);

export async function collectionById(db: DbOrTx, id: string): Promise<CollectionRecord | undefined> {
  return (await rows(db, sql`${SELECT} where c.id = ${id}`))[0];
}

/** An account's collections, newest first; only its discoverable ones when `discoverableOnly`. */
export function collectionsOf(db: DbOrTx, accountId: string, page: { discoverableOnly: boolean; offset: number; limit: number }): Promise<CollectionRecord[]> {
  const only = page.discoverableOnly ? sql` and c.discoverable` : sql``;
  return rows(db, sql`${SELECT} where c.account_id = ${accountId}${only} order by c.created_at desc, c.id desc offset ${page.offset} limit ${page.limit}`);
}

/** The collections (of unsuspended owners) featuring an account, pending or accepted, newest first. */
export function collectionsFeaturing(db: DbOrTx, accountId: string, page: { offset: number; limit: number }): Promise<CollectionRecord[]> {
  return rows(
    db,
    sql`${SELECT} join collection_items i on i.collection_id = c.id and i.account_id = ${accountId} and i.state in ('pending', 'accepted')
      where a.suspended_at is null order by c.created_at desc, c.id desc offset ${page.offset} limit ${page.limit}`,
  );
}

export async function countCollections(db: DbOrTx, accountId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from collections where account_id = ${accountId}`);
  return result.rows[0]!.n;
}

export type NewCollection = Pick<CollectionRow, 'id' | 'accountId' | 'name' | 'description' | 'language' | 'sensitive' | 'discoverable' | 'tagId'>;

export async function insertCollection(db: DbOrTx, row: NewCollection): Promise<void> {
  await db.insert(collections).values(row);
}

export async function updateCollection(db: DbOrTx, id: string, changes: Partial<NewCollection>): Promise<void> {
  await db
    .update(collections)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(collections.id, id));
}

export async function deleteCollection(db: DbOrTx, id: string): Promise<void> {
  await db.delete(collections).where(eq(collections.id, id));
}

/** Holds the collection's row until the transaction ends, so concurrent additions count its items one at a time. */
export async function lockCollection(db: DbOrTx, id: string): Promise<void> {
  await db.execute(sql`select 1 from collections where id = ${id} for update`);
}
