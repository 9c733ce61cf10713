// POST /oauth/token, POST /oauth/revoke and the authorization server metadata.
import { urlContext } from '../mastodon/entities/account.ts';
import OAuth2Server from '@node-oauth/oauth2-server';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ALL_SCOPES } from '../../core/auth/scopes.ts';
import { secretsEqual } from '../../core/auth/secrets.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { params } from '../params.ts';
import { clientIp } from '../client-address.ts';
import { rateLimit } from '../rate-limit.ts';
import type { SignInLimits } from '../sign-in-limits.ts';
import { accountUrls, serializeAccount } from '../mastodon/entities/account.ts';
import { serializeToken } from '../mastodon/entities/token.ts';
import { GRANT_TYPES, type LibToken, type OAuthServer } from './server.ts';

/** The library's request type, fed from parameters Parley already parsed (JSON and forms alike). */
export async function libRequest(c: Context): Promise<OAuth2Server.Request> {
  const body = Object.fromEntries(Object.entries(await params(c)).filter(([, v]) => typeof v === 'string'));
  const headers: Record<string, string> = {};
  for (const [k, v] of c.req.raw.headers) headers[k] = v;
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return new OAuth2Server.Request({ method: c.req.method, headers, query: c.req.query(), body });
}

/** Turns a library error into Parley's JSON error (RFC 6749 names, right status). */
export function oauthError(error: unknown): unknown {
  if (error instanceof OAuth2Server.OAuthError) {
    if (error.name === 'server_error') return (error as { inner?: unknown }).inner ?? error;
    // An unknown or unauthenticated client is 401 however its credentials were sent (as Doorkeeper answers).
    const status = error.name === 'invalid_client' || error.code === 401 ? 401 : error.code === 403 ? 403 : 400;
    return new ApiError(status, error.name, { description: error.message });
  }
  return error;
}

export function tokenRoutes(deps: ApiDeps, server: OAuthServer, auth: Auth, signIns: SignInLimits) {
  const { core, config, rateLimiter } = deps;
  const app = new Hono<AppEnv>();

  app.post('/oauth/token', rateLimit(rateLimiter, 'token', config.rateLimits.token), async (c) => {
    const p = await params(c);
    // Password sign-ins also count against the sign-in limits (sign-in-limits.ts).
    const attempt = p.grant_type === 'password' ? await signIns.attempt(clientIp(c), typeof p.username === 'string' ? p.username : '') : undefined;
    if (attempt && !attempt.allowed) throw new ApiError(429, 'Too many requests', { headers: { 'Retry-After': String(attempt.retryAfter) } });
    try {
      const token = (await server.token(await libRequest(c), new OAuth2Server.Response())) as unknown as LibToken;
      c.header('Cache-Control', 'no-store');
      return c.json(serializeToken(token.issued));
    } catch (error) {
      // The password grant's invalid_grant: the login and password do not match (or the account may not sign in).
      if (attempt?.allowed && error instanceof OAuth2Server.InvalidGrantError) await attempt.failed();
      throw oauthError(error);
    }
  });

  app.post('/oauth/revoke', async (c) => {
    const p = await params(c);
    const clientId = typeof p.client_id === 'string' ? p.client_id : '';
    const clientSecret = typeof p.client_secret === 'string' ? p.client_secret : '';
    const token = typeof p.token === 'string' ? p.token : '';
    if (!clientId || !token) throw new ApiError(400, 'invalid_request', { description: 'Missing parameter: client_id and token are required' });
    const client = await core.oauth.appByClientId(clientId);
    if (!client || (clientSecret && !secretsEqual(clientSecret, client.clientSecret))) {
      throw new ApiError(403, 'unauthorized_client', { description: 'You are not authorized to revoke this token' });
    }
    await core.oauth.revokeToken(client.id, token);
    return c.json({});
  });

  // OpenID Connect's userinfo, as Mastodon offers it for "sign in with your fediverse account".
  app.on(['GET', 'POST'], '/oauth/userinfo', async (c) => {
    const { account } = await auth.user(c, 'profile');
    const urls = urlContext(config);
    const entity = serializeAccount(await core.accountViews.one(account), urls);
    return c.json({
      iss: `${config.origin}/`,
      sub: accountUrls(account, urls).uri,
      name: account.displayName || account.username,
      preferred_username: account.username,
      profile: entity.url,
      picture: entity.avatar,
    });
  });

  app.get('/.well-known/oauth-authorization-server', (c) =>
    c.json({
      issuer: `${config.origin}/`,
      service_documentation: 'https://docs.joinmastodon.org/',
      authorization_endpoint: `${config.origin}/oauth/authorize`,
      token_endpoint: `${config.origin}/oauth/token`,
      revocation_endpoint: `${config.origin}/oauth/revoke`,
      userinfo_endpoint: `${config.origin}/oauth/userinfo`,
      app_registration_endpoint: `${config.origin}/api/v1/apps`,
      scopes_supported: [...ALL_SCOPES],
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      grant_types_supported: GRANT_TYPES,
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    }),
  );
  return app;
}
