// A collection's items (collection_items), and what deciding whether an account may be featured
// needs to know of it.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { collectionItems, type CollectionItemRow, type CollectionItemState } from '../schema/index.ts';

/** An item with what the reader's rules need of its account. */
export interface ItemRecord extends CollectionItemRow {
  accountSuspended: boolean;
}

/** The items of these collections, in the order they were added. */
export async function itemsOf(db: DbOrTx, collectionIds: readonly string[]): Promise<ItemRecord[]> {
  if (collectionIds.length === 0) return [];
  const list = `{${collectionIds.join(',')}}`;
  const result = await db.execute<Record<string, unknown>>(sql`
    select i.id::text as id, i.collection_id::text as "collectionId", i.account_id::text as "accountId", i.state, i.position,
      i.created_at as "createdAt", a.suspended_at is not null as "accountSuspended"
    from collection_items i join accounts a on a.id = i.account_id
    where i.collection_id = any(${list}::bigint[]) order by i.collection_id, i.position`);
  return result.rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt as string) }) as ItemRecord);
}

export async function itemOf(db: DbOrTx, collectionId: string, id: string): Promise<CollectionItemRow | undefined> {
  const [found] = await db
    .select()
    .from(collectionItems)
    .where(and(eq(collectionItems.collectionId, collectionId), eq(collectionItems.id, id)));
  return found;
}

/** How many items still feature their account (pending or accepted), the next position, and whether `accountId` is already in. */
export async function itemTally(db: DbOrTx, collectionId: string, accountId: string): Promise<{ live: number; next: number; present: boolean }> {
  const result = await db.execute<{ live: number; next: number; present: boolean }>(sql`
    select count(*) filter (where state in ('pending', 'accepted'))::int as live, coalesce(max(position), 0)::int + 1 as next,
      coalesce(bool_or(account_id = ${accountId}), false) as present
    from collection_items where collection_id = ${collectionId}`);
  return result.rows[0]!;
}

export async function insertItems(db: DbOrTx, rows: { id: string; collectionId: string; accountId: string; state: CollectionItemState; position: number }[]): Promise<void> {
  if (rows.length > 0) await db.insert(collectionItems).values(rows);
}

export async function deleteItem(db: DbOrTx, id: string): Promise<void> {
  await db.delete(collectionItems).where(eq(collectionItems.id, id));
}

export async function setItemState(db: DbOrTx, id: string, state: CollectionItemState): Promise<void> {
  await db.update(collectionItems).set({ state }).where(eq(collectionItems.id, id));
}

/** What deciding whether `ownerId` may feature each of these accounts needs: who they are, and blocks either way. */
export type FeatureCandidate = {
  id: string;
  local: boolean;
  discoverable: boolean;
  suspended: boolean;
  blocked: boolean;
};

export async function featureCandidates(db: DbOrTx, ownerId: string, accountIds: readonly string[]): Promise<FeatureCandidate[]> {
  if (accountIds.length === 0) return [];
  const list = `{${accountIds.join(',')}}`;
  const result = await db.execute<FeatureCandidate>(sql`
    select a.id::text as id, a.domain is null as local, a.discoverable, a.suspended_at is not null as suspended,
      exists (select 1 from blocks b where (b.account_id = ${ownerId} and b.target_account_id = a.id)
        or (b.account_id = a.id and b.target_account_id = ${ownerId})) as blocked
    from accounts a where a.id = any(${list}::bigint[])`);
  return result.rows;
}

/** Which of these accounts the viewer blocks. */
export async function blockedByViewer(db: DbOrTx, viewerId: string, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const list = `{${accountIds.join(',')}}`;
  const result = await db.execute<{ id: string }>(sql`select target_account_id::text as id from blocks where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])`);
  return new Set(result.rows.map((r) => r.id));
}

/** Whether `ownerId` blocks `viewerId`, or the viewer's domain. */
export async function ownerShutsOut(db: DbOrTx, ownerId: string, viewerId: string): Promise<boolean> {
  const result = await db.execute<{ yes: boolean }>(sql`
    select exists (select 1 from blocks where account_id = ${ownerId} and target_account_id = ${viewerId})
      or exists (select 1 from accounts v join account_domain_blocks d on d.account_id = ${ownerId} and d.domain = v.domain where v.id = ${viewerId}) as yes`);
  return result.rows[0]!.yes;
}
