// Bearer tokens on the API: who is calling, with which scopes. Rules about accounts stay in core.
import type { Context } from 'hono';
import { accessProblem, type Account, type User } from '../core/accounts/service.ts';
import type { Bearer } from '../core/auth/oauth.ts';
import { grants } from '../core/auth/scopes.ts';
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

export function createAuth(deps: ApiDeps) {
  const { core, config } = deps;

  /** The caller's token, if any; a token that is sent but unusable is a 401, never silently ignored. */
  async function bearer(c: Context<AppEnv>): Promise<Bearer | null> {
    const known = c.get('bearer');
    if (known !== undefined) return known;
    const token = presentedToken(c);
    let found: Bearer | null = null;
    if (token) {
      found = (await core.oauth.bearer(token)) ?? null;
      if (!found) throw new ApiError(401, INVALID);
      if (found.token.revokedAt) throw new ApiError(401, 'The access token was revoked');
      if (found.token.expiresAt && found.token.expiresAt.getTime() <= Date.now()) throw new ApiError(401, 'The access token expired');
      void core.oauth.markUsed(found.token).catch(() => {});
    }
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
      if (!b || !b.user) return null;
      return checkUser(b);
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
