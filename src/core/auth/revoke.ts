// Revoking tokens: one, one an app presents (RFC 7009), or a user's. Each revocation is announced
// once committed, so the tokens' remembered bearers are forgotten (see core/changes).
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { oauthTokens } from '../../store/schema/index.ts';
import type { Changes } from '../changes.ts';
import { hashSecret } from './secrets.ts';

export function createRevoke(deps: { db: Db; changes: Changes }) {
  const { db, changes } = deps;
  const revoked = (tokenIds: string[]) => changes.committed({ type: 'tokens.revoked', tokenIds });

  return {
    async revokeTokenById(id: string): Promise<void> {
      await db
        .update(oauthTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(oauthTokens.id, id), isNull(oauthTokens.revokedAt)));
      await revoked([id]);
    },

    /** Revokes an access or refresh token belonging to the app; unknown tokens are ignored (RFC 7009). */
    async revokeToken(appId: string, token: string): Promise<boolean> {
      const hash = hashSecret(token);
      const rows = await db
        .update(oauthTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(oauthTokens.appId, appId), or(eq(oauthTokens.tokenHash, hash), eq(oauthTokens.refreshTokenHash, hash)), isNull(oauthTokens.revokedAt)))
        .returning({ id: oauthTokens.id });
      if (rows.length > 0) await revoked(rows.map((r) => r.id));
      return rows.length > 0;
    },

    /** Revokes every token of a user (password reset, suspension), or every other one (`exceptId`: a password change). */
    async revokeUserTokens(userId: string, exceptId?: string): Promise<number> {
      const rows = await db
        .update(oauthTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(oauthTokens.userId, userId), isNull(oauthTokens.revokedAt), exceptId ? ne(oauthTokens.id, exceptId) : undefined))
        .returning({ id: oauthTokens.id });
      if (rows.length > 0) await revoked(rows.map((r) => r.id));
      return rows.length;
    },
  };
}
