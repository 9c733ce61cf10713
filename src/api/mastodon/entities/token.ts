import type { IssuedToken } from '../../../core/auth/oauth.ts';

/** The Token entity; refresh_token and expires_in appear only when they exist. */
export function serializeToken(issued: IssuedToken) {
  const { row } = issued;
  return {
    access_token: issued.accessToken,
    token_type: 'Bearer',
    scope: row.scopes.join(' '),
    created_at: Math.floor(row.createdAt.getTime() / 1000),
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    ...(row.expiresAt ? { expires_in: Math.max(0, Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000)) } : {}),
  };
}
