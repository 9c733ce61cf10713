// Client apps, authorization codes, access tokens and browser sessions.
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Bus } from '../../infra/bus.ts';
import { createAccessCache } from './access-cache.ts';
import type { Db } from '../../store/db.ts';
import { accounts, oauthApps, oauthGrants, oauthTokens, users, webSessions } from '../../store/schema/index.ts';
import { Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Account, User } from '../accounts/service.ts';
import { parseScopes, unknownScopes } from './scopes.ts';
import { hashSecret, newSecret } from './secrets.ts';

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

const WEB_SESSION_DAYS = 30;

/**
 * A redirect URI must be absolute, or the out-of-band marker; and never javascript: or data:. No
 * control characters either: the address is sent back as it was registered, and a browser reads
 * one with a tab or newline in it as another address.
 */
function validRedirectUri(uri: string): boolean {
  if (uri === OOB_REDIRECT) return true;
  if (/[\u0000-\u001f\u007f]/.test(uri)) return false;
  try {
    const url = new URL(uri);
    return !['javascript:', 'data:', 'vbscript:', 'file:'].includes(url.protocol) && !url.hash;
  } catch {
    return false;
  }
}

export function createOAuth(deps: { db: Db; ids: IdGenerator; bus: Bus }) {
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
    async createApp(input: { name: string; website?: string | null | undefined; redirectUris: string[]; scopes?: string | string[] | undefined }) {
      const problems = new Problems();
      const name = input.name.trim();
      if (!name) problems.add('name', 'ERR_BLANK', "can't be blank");
      else if (name.length > 60) problems.add('name', 'ERR_TOO_LONG', 'is too long (maximum is 60 characters)');
      const redirectUris = input.redirectUris.map((u) => u.trim()).filter(Boolean);
      if (redirectUris.length === 0) problems.add('redirect_uri', 'ERR_BLANK', "can't be blank");
      for (const uri of redirectUris) if (!validRedirectUri(uri)) problems.add('redirect_uri', 'ERR_INVALID', `${uri} is not a valid URI`);
      const scopes = parseScopes(input.scopes ?? 'read');
      if (scopes.length === 0) scopes.push('read');
      const unknown = unknownScopes(scopes);
      if (unknown.length > 0) problems.add('scopes', 'ERR_INVALID', `contains unknown scopes: ${unknown.join(', ')}`);
      const website = input.website?.trim() || null;
      if (website && !/^https?:\/\/\S+$/.test(website)) problems.add('website', 'ERR_INVALID', 'is not a valid URL');
      problems.throwIfAny();
      const [app] = await db.insert(oauthApps).values({ id: ids(), name, website, redirectUris, scopes, clientId: newSecret(), clientSecret: newSecret() }).returning();
      return app!;
    },

    async appByClientId(clientId: string): Promise<OAuthApp | undefined> {
      return db.query.oauthApps.findFirst({ where: eq(oauthApps.clientId, clientId) });
    },

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

    async revokeTokenById(id: string): Promise<void> {
      await db
        .update(oauthTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(oauthTokens.id, id), isNull(oauthTokens.revokedAt)));
      await access.changed({ tokenIds: [id] });
    },

    /** Revokes an access or refresh token belonging to the app; unknown tokens are ignored (RFC 7009). */
    async revokeToken(appId: string, token: string): Promise<boolean> {
      const hash = hashSecret(token);
      const revoked = await db
        .update(oauthTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(oauthTokens.appId, appId), or(eq(oauthTokens.tokenHash, hash), eq(oauthTokens.refreshTokenHash, hash)), isNull(oauthTokens.revokedAt)))
        .returning({ id: oauthTokens.id });
      if (revoked.length > 0) await access.changed({ tokenIds: revoked.map((r) => r.id) });
      return revoked.length > 0;
    },

    /** Revokes every token of a user (password reset, suspension), or every other one (`exceptId`: a password change). */
    async revokeUserTokens(userId: string, exceptId?: string): Promise<number> {
      const revoked = await db
        .update(oauthTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(oauthTokens.userId, userId), isNull(oauthTokens.revokedAt), exceptId ? ne(oauthTokens.id, exceptId) : undefined))
        .returning({ id: oauthTokens.id });
      if (revoked.length > 0) await access.changed({ tokenIds: revoked.map((r) => r.id) });
      return revoked.length;
    },

    /** Records that a token was used; at most once an hour, so reads do not turn into writes. */
    async markUsed(token: TokenRow): Promise<void> {
      if (token.lastUsedAt && Date.now() - token.lastUsedAt.getTime() < 3_600_000) return;
      // The row may be remembered (see access-cache): it must not ask again on the next request.
      token.lastUsedAt = new Date();
      await db.update(oauthTokens).set({ lastUsedAt: new Date() }).where(eq(oauthTokens.id, token.id));
    },

    async saveGrant(code: string, grant: Omit<Grant, 'app'> & { appId: string }): Promise<void> {
      await db.insert(oauthGrants).values({ codeHash: hashSecret(code), ...grant });
    },

    async findGrant(code: string): Promise<Grant | undefined> {
      const rows = await db
        .select({ grant: oauthGrants, app: oauthApps })
        .from(oauthGrants)
        .innerJoin(oauthApps, eq(oauthGrants.appId, oauthApps.id))
        .where(eq(oauthGrants.codeHash, hashSecret(code)))
        .limit(1);
      const row = rows[0];
      return row ? { ...row.grant, app: row.app } : undefined;
    },

    /** Uses up a code; false when it was already used (a replayed code must not mint a second token). */
    async consumeGrant(code: string): Promise<boolean> {
      const deleted = await db
        .delete(oauthGrants)
        .where(eq(oauthGrants.codeHash, hashSecret(code)))
        .returning({ c: oauthGrants.codeHash });
      await db.delete(oauthGrants).where(lt(oauthGrants.expiresAt, sql`now() - interval '1 day'`));
      return deleted.length > 0;
    },

    async createWebSession(userId: string): Promise<string> {
      const id = newSecret();
      await db.insert(webSessions).values({ idHash: hashSecret(id), userId, expiresAt: new Date(Date.now() + WEB_SESSION_DAYS * 86_400_000) });
      return id;
    },

    async webSessionUser(sessionId: string): Promise<string | undefined> {
      const row = await db.query.webSessions.findFirst({
        where: and(eq(webSessions.idHash, hashSecret(sessionId)), gt(webSessions.expiresAt, new Date())),
      });
      return row?.userId;
    },

    async endWebSession(sessionId: string): Promise<void> {
      await db.delete(webSessions).where(eq(webSessions.idHash, hashSecret(sessionId)));
    },
  };
}

export type OAuth = ReturnType<typeof createOAuth>;
