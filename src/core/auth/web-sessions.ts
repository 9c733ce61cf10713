// Browser sessions of the web app's sign-in pages, kept for a month.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { webSessions } from '../../store/schema/index.ts';
import { hashSecret, newSecret } from './secrets.ts';

const WEB_SESSION_DAYS = 30;

export function createWebSessions(db: Db) {
  return {
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
