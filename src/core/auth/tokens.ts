// Access tokens: issued, resolved on every request (remembered briefly), found by refresh token,
// and marked as used.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Bus } from '../../infra/bus.ts';
import type { Db } from '../../store/db.ts';
import { accounts, oauthApps, oauthTokens, users } from '../../store/schema/index.ts';
import type { IdGenerator } from '../ids.ts';
import { createAccessCache } from './access-cache.ts';
import { hashSecret, newSecret } from './secrets.ts';
import type { Bearer, IssuedToken, OAuthApp, TokenRow } from './types.ts';

export function createTokens(deps: { db: Db; ids: IdGenerator; bus: Bus }) {
  const { db, ids } = deps;

  // Every authenticated request runs this: prepared once, so neither Drizzle nor PostgreSQL re-plans it.
  const bearerQuery = db
    .select({ token: oauthTokens, app: oauthApps, user: users, account: accounts })
    .from(oauthTokens)
    .innerJoin(oauthApps, eq(oauthTokens.appId, oauthApps.id))
    .leftJoin(users, eq(oauthTokens.userId, users.id))
    .leftJoin(accounts, eq(users.accountId, accounts.id))
    .where(eq(oauthTokens.tokenHash, sql.placeholder('hash')))
    .limit(1)
    .prepare('oauth_bearer');
  const readBearer = async (hash: string): Promise<Bearer | undefined> => (await bearerQuery.execute({ hash }))[0];
  const access = createAccessCache<Bearer>(deps.bus, { read: readBearer });

  return {
    async issueToken(input: { appId: string; userId: string | null; scopes: string[]; ttlSeconds: number; withRefresh: boolean }): Promise<IssuedToken> {
      const accessToken = newSecret();
      const refreshToken = input.withRefresh ? newSecret() : null;
      const [row] = await db
        .insert(oauthTokens)
        .values({
          id: ids(),
          tokenHash: hashSecret(accessToken),
          refreshTokenHash: refreshToken ? hashSecret(refreshToken) : null,
          appId: input.appId,
          userId: input.userId,
          scopes: input.scopes,
          expiresAt: input.ttlSeconds > 0 ? new Date(Date.now() + input.ttlSeconds * 1000) : null,
        })
        .returning();
      return { row: row!, accessToken, refreshToken };
    },

    /**
     * Resolves a presented access token; undefined when unknown. Expiry and revocation are the
     * caller's to judge. Found tokens are remembered briefly (see access-cache), unknown ones never.
     */
    bearer(accessToken: string, hash = hashSecret(accessToken)): Promise<Bearer | undefined> {
      return access.get(hash);
    },

    /** Who tokens speak for, remembered briefly; changes made outside the core announce themselves here. */
    access,

    async tokenByRefresh(refreshToken: string): Promise<(TokenRow & { app: OAuthApp }) | undefined> {
      const rows = await db
        .select({ token: oauthTokens, app: oauthApps })
        .from(oauthTokens)
        .innerJoin(oauthApps, eq(oauthTokens.appId, oauthApps.id))
        .where(and(eq(oauthTokens.refreshTokenHash, hashSecret(refreshToken)), isNull(oauthTokens.revokedAt)))
        .limit(1);
      const row = rows[0];
      return row ? { ...row.token, app: row.app } : undefined;
    },

    /** Records that a token was used; at most once an hour, so reads do not turn into writes. */
    async markUsed(token: TokenRow): Promise<void> {
      if (token.lastUsedAt && Date.now() - token.lastUsedAt.getTime() < 3_600_000) return;
      // The row may be remembered (see access-cache): it must not ask again on the next request.
      token.lastUsedAt = new Date();
      await db.update(oauthTokens).set({ lastUsedAt: new Date() }).where(eq(oauthTokens.id, token.id));
    },
  };
}
