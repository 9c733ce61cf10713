// The OAuth 2 protocol is @node-oauth/oauth2-server's job; this file lends it Parley's storage.
import OAuth2Server from '@node-oauth/oauth2-server';
import type { Config } from '../../config.ts';
import type { Core } from '../../core/index.ts';
import type { IssuedToken, OAuthApp } from '../../core/auth/oauth.ts';
import { withinScopes, unknownScopes } from '../../core/auth/scopes.ts';
import { secretsEqual } from '../../core/auth/secrets.ts';
import { accessProblem } from '../../core/accounts/service.ts';

export const GRANT_TYPES = ['authorization_code', 'password', 'client_credentials', 'refresh_token'];
const CODE_LIFETIME_SECONDS = 600;
// The library insists on lifetimes; Parley decides real expiry itself (config.accessTokenTtl).
const NOMINAL_LIFETIME = 10 * 365 * 86_400;
const DEFAULT_SCOPES = ['read'];

export interface LibClient {
  id: string;
  redirectUris: string[];
  grants: string[];
  app: OAuthApp;
}

interface LibUser {
  id: string | null;
}

export interface LibToken {
  accessToken: string;
  client: LibClient;
  user: LibUser;
  issued: IssuedToken;
}

export function createOAuthServer(core: Core, config: Config) {
  // The library finds its storage by method name; the groups below follow its grants.
  const model = { ...clientStorage(core), ...tokenStorage(core, config), ...userStorage(core), ...codeStorage(core), ...refreshStorage(core) };
  return new OAuth2Server({
    model: model as unknown as OAuth2Server.ServerOptions['model'],
    accessTokenLifetime: NOMINAL_LIFETIME,
    refreshTokenLifetime: NOMINAL_LIFETIME,
    authorizationCodeLifetime: CODE_LIFETIME_SECONDS,
    allowEmptyState: true,
    allowExtendedTokenAttributes: true,
    requireClientAuthentication: { password: true, client_credentials: true, refresh_token: false, authorization_code: true },
  });
}

/** Apps as the library's clients: found by id (and secret), with the scopes and redirect URIs they registered. */
function clientStorage(core: Core) {
  const toClient = (app: OAuthApp): LibClient => ({ id: app.clientId, redirectUris: app.redirectUris, grants: GRANT_TYPES, app });
  return {
    async getClient(clientId: string, clientSecret: string | null) {
      const app = await core.oauth.appByClientId(clientId);
      if (!app) return false;
      if (clientSecret != null && !secretsEqual(clientSecret, app.clientSecret)) return false;
      return toClient(app);
    },

    async validateScope(_user: LibUser, client: LibClient, scope: string[] | undefined) {
      const requested = scope && scope.length > 0 ? scope : DEFAULT_SCOPES;
      if (unknownScopes(requested).length > 0 || !withinScopes(client.app.scopes, requested)) return false;
      return requested;
    },

    async validateRedirectUri(redirectUri: string, client: LibClient) {
      return client.redirectUris.includes(redirectUri);
    },
  };
}

/** Access tokens: issued by the core, never looked up through the library. */
function tokenStorage(core: Core, config: Config) {
  return {
    async saveToken(token: { scope?: string[] }, client: LibClient, user: LibUser): Promise<LibToken> {
      const appOnly = user.id === null;
      const issued = await core.oauth.issueToken({
        appId: client.app.id,
        userId: user.id,
        scopes: token.scope ?? DEFAULT_SCOPES,
        ttlSeconds: appOnly ? 0 : config.accessTokenTtl,
        withRefresh: !appOnly,
      });
      return { accessToken: issued.accessToken, client, user, issued };
    },

    async getAccessToken() {
      // Bearer tokens are checked by Parley's own middleware (src/api/auth.ts), never through the library.
      return false;
    },
  };
}

/** Who a token is for: a user by password (the password grant), nobody for an app's own token (client credentials). */
function userStorage(core: Core) {
  return {
    async getUser(login: string, password: string) {
      const found = await core.accounts.checkCredentials(login, password);
      if (!found) return false;
      const problem = accessProblem(found.user, found.account, { requireEmailConfirmation: false });
      // Suspended and disabled logins get no token; unconfirmed or pending ones do, and are told why on use.
      if (problem && (found.account.suspendedAt || found.user.disabled)) return false;
      return { id: found.user.id };
    },

    async getUserFromClient(): Promise<LibUser> {
      return { id: null };
    },
  };
}

/** Authorization codes (the authorization code grant), kept as the core's grants. */
function codeStorage(core: Core) {
  return {
    async saveAuthorizationCode(
      code: { authorizationCode: string; expiresAt: Date; redirectUri: string; scope?: string[]; codeChallenge?: string; codeChallengeMethod?: string },
      client: LibClient,
      user: LibUser,
    ) {
      await core.oauth.saveGrant(code.authorizationCode, {
        appId: client.app.id,
        userId: user.id!,
        redirectUri: code.redirectUri,
        scopes: code.scope ?? DEFAULT_SCOPES,
        codeChallenge: code.codeChallenge ?? null,
        codeChallengeMethod: code.codeChallenge ? (code.codeChallengeMethod ?? 'S256') : null,
        expiresAt: code.expiresAt,
      });
      return { ...code, client, user };
    },

    async getAuthorizationCode(code: string) {
      const grant = await core.oauth.findGrant(code);
      if (!grant) return false;
      return {
        authorizationCode: code,
        expiresAt: grant.expiresAt,
        redirectUri: grant.redirectUri,
        scope: grant.scopes,
        client: { id: grant.app.clientId },
        user: { id: grant.userId },
        ...(grant.codeChallenge ? { codeChallenge: grant.codeChallenge, codeChallengeMethod: grant.codeChallengeMethod } : {}),
      };
    },

    async revokeAuthorizationCode(code: { authorizationCode: string }) {
      return core.oauth.consumeGrant(code.authorizationCode);
    },
  };
}

/** Refresh tokens (the refresh token grant): the old token is revoked when a new one is issued. */
function refreshStorage(core: Core) {
  return {
    async getRefreshToken(refreshToken: string) {
      const token = await core.oauth.tokenByRefresh(refreshToken);
      if (!token?.userId) return false;
      return {
        refreshToken,
        tokenId: token.id,
        scope: token.scopes,
        client: { id: token.app.clientId },
        user: { id: token.userId },
      };
    },

    async revokeToken(token: { tokenId: string }) {
      await core.oauth.revokeTokenById(token.tokenId);
      return true;
    },
  };
}

export type OAuthServer = ReturnType<typeof createOAuthServer>;
