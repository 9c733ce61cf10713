// Visibility and ActivityPub addressing, both ways: Mastodon's conventions, which the fediverse follows.
import { PUBLIC_COLLECTION } from '@fedify/vocab';
import type { Visibility } from '../core/visibility.ts';

const PUBLIC = new Set([PUBLIC_COLLECTION.href, 'as:Public', 'Public']);

export function isPublic(uri: URL | string): boolean {
  return PUBLIC.has(typeof uri === 'string' ? uri : uri.href);
}

/** What a remote status's audience means here. */
export function visibilityOf(to: readonly URL[], cc: readonly URL[], followersUrl: string | null): Visibility {
  if (to.some(isPublic)) return 'public';
  if (cc.some(isPublic)) return 'unlisted';
  const followers = followersUrl ? [...to, ...cc].some((u) => u.href === followersUrl) : false;
  return followers ? 'private' : 'direct';
}

/** Who a local status is addressed to. */
export function addressingOf(visibility: Visibility, followers: URL, mentioned: URL[]): { to: URL[]; cc: URL[] } {
  switch (visibility) {
    case 'public':
      return { to: [PUBLIC_COLLECTION], cc: [followers, ...mentioned] };
    case 'unlisted':
      return { to: [followers], cc: [PUBLIC_COLLECTION, ...mentioned] };
    case 'private':
      return { to: [followers], cc: mentioned };
    default:
      return { to: mentioned, cc: [] };
  }
}
