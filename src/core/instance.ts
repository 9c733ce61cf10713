// Server-wide facts: keys made once per server, user counts for the instance entity, its weekly
// activity and the servers it knows.
import { generateKeyPairSync } from 'node:crypto';
import { count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { knownDomains, weeklyActivity, type WeekRow } from '../store/instance/activity.ts';
import { accounts, instanceSettings, oauthTokens, users } from '../store/schema/index.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export function createInstance(deps: { db: Db }) {
  const { db } = deps;

  /** Reads a setting, creating it with `make()` the first time; safe when processes race. */
  async function ensure<T>(key: string, make: () => T): Promise<T> {
    await db.insert(instanceSettings).values({ key, value: make() }).onConflictDoNothing();
    const row = await db.query.instanceSettings.findFirst({ where: eq(instanceSettings.key, key) });
    return row!.value as T;
  }

  let vapid: Promise<VapidKeys> | undefined;

  return {
    /** The Web Push (VAPID) key pair: EC P-256, public key as an uncompressed point in base64url. Made once, kept. */
    vapidKeys(): Promise<VapidKeys> {
      return (vapid ??= ensure('vapid_keys', () => {
        const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
        const jwk = publicKey.export({ format: 'jwk' });
        const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
        return { publicKey: point.toString('base64url'), privateKey: privateKey.export({ format: 'jwk' }).d! };
      }).catch((error: unknown) => {
        vapid = undefined;
        throw error;
      }));
    },

    /** Local users, and how many used the API in the last 30 and 180 days (by their tokens' last use). */
    async usage(): Promise<{ users: number; activeMonth: number; halfYear: number }> {
      const [total] = await db.select({ n: count() }).from(users).innerJoin(accounts, eq(users.accountId, accounts.id)).where(isNull(accounts.suspendedAt));
      const [active] = await db
        .select({
          month: sql<number>`count(distinct ${oauthTokens.userId}) filter (where ${oauthTokens.lastUsedAt} > now() - interval '30 days')`.mapWith(Number),
          halfYear: sql<number>`count(distinct ${oauthTokens.userId})`.mapWith(Number),
        })
        .from(oauthTokens)
        .where(gt(oauthTokens.lastUsedAt, sql`now() - interval '180 days'`));
      return { users: total?.n ?? 0, activeMonth: active?.month ?? 0, halfYear: active?.halfYear ?? 0 };
    },

    /** Posts written on this server (reblogs aside), from the per-account counts. */
    async localPosts(): Promise<number> {
      const result = await db.execute<{ n: string | null }>(sql`
        select sum(st.statuses_count) as n from account_stats st join accounts a on a.id = st.account_id where a.domain is null`);
      return Number(result.rows[0]?.n ?? 0);
    },

    /** The last `weeks` weeks' local posts, users around and sign-ups, newest week first. */
    activity: (weeks: number): Promise<WeekRow[]> => weeklyActivity(db, weeks),

    /** The servers this one knows accounts of (Parley blocks no server: none is left out). */
    peers: (): Promise<string[]> => knownDomains(db),

    async domainCount(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(distinct ${accounts.domain})`.mapWith(Number) }).from(accounts);
      return row?.n ?? 0;
    },
  };
}

export type Instance = ReturnType<typeof createInstance>;
