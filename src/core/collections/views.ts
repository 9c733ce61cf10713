// Collections as a viewer sees them: the owner sees pending and accepted items, others accepted
// ones; nobody sees the accounts they block, nor suspended ones.
import type { Db } from '../../store/db.ts';
import type { CollectionRecord } from '../../store/collections/collections.ts';
import { blockedByViewer, itemsOf } from '../../store/collections/items.ts';
import type { CollectionItemView, CollectionView } from './deps.ts';

export async function viewCollections(db: Db, records: readonly CollectionRecord[], viewerId: string | null): Promise<CollectionView[]> {
  const items = await itemsOf(
    db,
    records.map((r) => r.id),
  );
  const blocked = viewerId ? await blockedByViewer(db, viewerId, [...new Set(items.map((i) => i.accountId))]) : new Set<string>();
  const byCollection = new Map<string, CollectionItemView[]>();
  const owners = new Map(records.map((r) => [r.id, r.accountId]));
  for (const item of items) {
    const own = owners.get(item.collectionId) === viewerId;
    const shown = item.state === 'accepted' || (own && item.state === 'pending');
    if (!shown || item.accountSuspended || blocked.has(item.accountId)) continue;
    const list = byCollection.get(item.collectionId) ?? [];
    list.push({ id: item.id, accountId: item.accountId, state: item.state, createdAt: item.createdAt });
    byCollection.set(item.collectionId, list);
  }
  return records.map((r) => ({
    id: r.id,
    accountId: r.accountId,
    ownerUsername: r.ownerUsername,
    name: r.name,
    description: r.description,
    language: r.language,
    sensitive: r.sensitive,
    discoverable: r.discoverable,
    tag: r.tagName ? { name: r.tagName, displayName: r.tagDisplayName ?? r.tagName } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    items: byCollection.get(r.id) ?? [],
  }));
}

export async function viewCollection(db: Db, record: CollectionRecord, viewerId: string | null): Promise<CollectionView> {
  return (await viewCollections(db, [record], viewerId))[0]!;
}
