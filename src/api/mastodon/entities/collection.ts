import type { CollectionItemView, CollectionView } from '../../../core/collections/service.ts';

/** Mastodon's CollectionItem: the account only while it is featured (pending or accepted). */
export function serializeCollectionItem(item: CollectionItemView) {
  return {
    id: item.id,
    state: item.state,
    created_at: item.createdAt.toISOString(),
    ...(item.state === 'pending' || item.state === 'accepted' ? { account_id: item.accountId } : {}),
  };
}

/**
 * Mastodon's Collection. Parley has no page of its own for a collection (url is null) and does not
 * serve it over ActivityPub yet; its uri names it under its owner's actor all the same.
 */
export function serializeCollection(view: CollectionView, origin: string) {
  return {
    id: view.id,
    account_id: view.accountId,
    uri: `${origin}/users/${view.ownerUsername}/featured_collections/${view.id}`,
    url: null,
    name: view.name,
    description: view.description,
    language: view.language,
    local: true,
    sensitive: view.sensitive,
    discoverable: view.discoverable,
    tag: view.tag ? { name: view.tag.displayName, url: `${origin}/tags/${encodeURIComponent(view.tag.name)}` } : null,
    item_count: view.items.length,
    items: view.items.map(serializeCollectionItem),
    created_at: view.createdAt.toISOString(),
    updated_at: view.updatedAt.toISOString(),
  };
}
