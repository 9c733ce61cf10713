// OAuth scopes as Mastodon defines them: top-level scopes grant every granular scope below them.

const GRANULAR = {
  read: ['accounts', 'blocks', 'bookmarks', 'collections', 'favourites', 'filters', 'follows', 'lists', 'mutes', 'notifications', 'search', 'statuses'],
  write: ['accounts', 'blocks', 'bookmarks', 'collections', 'conversations', 'favourites', 'filters', 'follows', 'lists', 'media', 'mutes', 'notifications', 'reports', 'statuses'],
  'admin:read': ['accounts', 'reports', 'domain_allows', 'domain_blocks', 'ip_blocks', 'email_domain_blocks', 'canonical_email_blocks'],
  'admin:write': ['accounts', 'reports', 'domain_allows', 'domain_blocks', 'ip_blocks', 'email_domain_blocks', 'canonical_email_blocks'],
} as const;

/** The legacy `follow` scope stands for these granular scopes. */
const FOLLOW_SCOPES = ['read:follows', 'write:follows', 'read:blocks', 'write:blocks', 'read:mutes', 'write:mutes'];

export const ALL_SCOPES: ReadonlySet<string> = new Set([
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'admin:read',
  'admin:write',
  ...Object.entries(GRANULAR).flatMap(([parent, children]) => children.map((c) => `${parent}:${c}`)),
]);

/** Splits a space- or plus-separated scope string, dropping duplicates and empty parts. */
export function parseScopes(value: string | string[] | undefined | null): string[] {
  const parts = Array.isArray(value) ? value.flatMap((v) => v.split(/[\s+]+/)) : (value ?? '').split(/[\s+]+/);
  return [...new Set(parts.filter(Boolean))];
}

export function unknownScopes(scopes: string[]): string[] {
  return scopes.filter((s) => !ALL_SCOPES.has(s));
}

/** Does a token holding `granted` satisfy the `required` scope? */
export function grants(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  if (FOLLOW_SCOPES.includes(required) && granted.includes('follow')) return true;
  const parent = required.slice(0, required.lastIndexOf(':'));
  return parent.length > 0 && granted.includes(parent);
}

/** True when every requested scope is covered by what the app registered. */
export function withinScopes(registered: readonly string[], requested: readonly string[]): boolean {
  return requested.every((s) => grants(registered, s));
}
