// Authorization codes: saved when the user consents, found and used up once by the token exchange.
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { oauthApps, oauthGrants } from '../../store/schema/index.ts';
import { hashSecret } from './secrets.ts';
import type { Grant } from './types.ts';

export function createGrants(db: Db) {
  return {
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
  };
}
