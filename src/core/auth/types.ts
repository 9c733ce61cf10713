// What the OAuth verbs read and hand out: apps, tokens, what a bearer token resolves to, grants.
import type { oauthApps, oauthTokens } from '../../store/schema/index.ts';
import type { Account, User } from '../accounts/service.ts';

export type OAuthApp = typeof oauthApps.$inferSelect;
export type TokenRow = typeof oauthTokens.$inferSelect;

export const OOB_REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';

export interface IssuedToken {
  row: TokenRow;
  accessToken: string;
  refreshToken: string | null;
}

/** What a bearer token resolves to: the token, its app, and for user tokens the user and account. */
export interface Bearer {
  token: TokenRow;
  app: OAuthApp;
  user: User | null;
  account: Account | null;
}

export interface Grant {
  app: OAuthApp;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: Date;
}
