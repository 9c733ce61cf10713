// Bearer tokens on the API: who is calling, with which scopes. Rules about accounts stay in core.
import type { Context } from 'hono';
import { accessProblem, type Account, type User } from '../core/accounts/service.ts';
import type { Bearer } from '../core/auth/oauth.ts';
import { grants } from '../core/auth/scopes.ts';
import { hashSecret } from '../core/auth/secrets.ts';
import type { ApiDeps, AppEnv } from './deps.ts';
import { ApiError } from './errors.ts';

export interface Signed {
  bearer: Bearer;
  user: User;
  account: Account;
}

const INVALID = 'The access token is invalid';

function presentedToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError(401, INVALID);
    return match[1];
  }
  return c.req.query('access_token') || undefined;
}

/**
 * The presented token's hash, computed once a request: the rate limit and the token look-up both
 * need it (a SHA-256 each cost ~7 µs a request). A malformed header is hashed as sent, for the limit.
 */
export function presentedTokenHash(c: Context<AppEnv>): string | null {
  const known = c.get('tokenHash');
  if (known !== undefined) return known;
  let token: string | undefined;
  try {
    token = presentedToken(c);
  } catch {
    token = c.req.header('authorization');
  }
  const hash = token ? hashSecret(token) : null;
  c.set('tokenHash', hash);
  return hash;
}

export function createAuth(deps: ApiDeps) {
  const { core, config } = deps;

  /** Resolves a presented token; unknown, revoked or expired tokens are a 401. */
  async function resolve(token: string, hash?: string): Promise<Bearer> {
    const found = await core.oauth.bearer(token, hash);
    if (!found) throw new ApiError(401, INVALID);
    if (found.token.revokedAt) throw new ApiError(401, 'The access token was revoked');
    if (found.token.expiresAt && found.token.expiresAt.getTime() <= Date.now()) throw new ApiError(401, 'The access token expired');
    void core.oauth.markUsed(found.token).catch(() => {});
    // Awaited: a user back from a long absence must have the stale feed gone before reading it.
    if (found.user) await core.activity.seen(found.user);
    return found;
  }

  /** The caller's token, if any; a token that is sent but unusable is a 401, never silently ignored. */
  async function bearer(c: Context<AppEnv>): Promise<Bearer | null> {
    const known = c.get('bearer');
    if (known !== undefined) return known;
    const token = presentedToken(c);
    const found = token ? await resolve(token, presentedTokenHash(c)!) : null;
    c.set('bearer', found);
    return found;
  }

  function checkScopes(b: Bearer, scopes: string[]): void {
    if (scopes.length > 0 && !scopes.some((s) => grants(b.token.scopes, s))) {
      throw new ApiError(403, 'This action is outside the authorized scopes');
    }
  }

  function checkUser(b: Bearer): Signed {
    if (!b.user || !b.account) throw new ApiError(422, 'This method requires an authenticated user');
    const problem = accessProblem(b.user, b.account, config);
    if (problem) throw new ApiError(403, problem);
    return { bearer: b, user: b.user, account: b.account };
  }

  return {
    bearer,
    resolve,
    checkScopes,
    /** Does a set of granted scopes include one of these? */
    checkScopesOf: (granted: readonly string[], ...required: string[]) => required.some((r) => grants(granted, r)),
    /** The signed-in user behind a token, or a 403/422 saying why it cannot act as one. */
    signed: checkUser,

    /** A signed-in user holding one of `scopes` (any of them suffices). */
    async user(c: Context<AppEnv>, ...scopes: string[]): Promise<Signed> {
      const b = await bearer(c);
      if (!b) throw new ApiError(401, INVALID);
      checkScopes(b, scopes);
      return checkUser(b);
    },

    /** An app token or a user token holding one of `scopes`. */
    async client(c: Context<AppEnv>, ...scopes: string[]): Promise<Bearer> {
      const b = await bearer(c);
      if (!b) throw new ApiError(401, INVALID);
      checkScopes(b, scopes);
      return b;
    },

    /** Public endpoints: the viewer when a valid user token is sent, else null. */
    async viewer(c: Context<AppEnv>): Promise<Signed | null> {
      const b = await bearer(c);
      if (!b?.user) return null;
      return checkUser(b);
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
