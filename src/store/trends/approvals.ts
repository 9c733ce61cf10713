// Approvals of trends (PARLEY_TRENDS_REVIEW=manual), and what scores without one.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { trendApprovals, type TrendKind } from '../schema/index.ts';

export async function approveTrend(db: Db, kind: TrendKind, key: string): Promise<void> {
  await db.insert(trendApprovals).values({ kind, key }).onConflictDoNothing();
}

/** Scoring now without an approval, best first (what an administrator may want to look at). */
export async function unapprovedTrends(db: Db, kind: TrendKind, limit: number): Promise<{ key: string; score: number }[]> {
  const { rows } = await db.execute<{ key: string; score: number }>(sql`select t.key, t.score from trends t
    where t.kind = ${kind} and not exists (select 1 from trend_approvals ta where ta.kind = t.kind and ta.key = t.key)
    order by t.score desc, t.key desc limit ${limit}`);
  return rows.map((r) => ({ key: r.key, score: Number(r.score) }));
}

/** The key a status id or a tag's name is stored under, if it names one. */
export async function trendKeyOf(db: Db, kind: 'status' | 'tag', ref: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ key: string }>(
    kind === 'status' ? sql`select id::text as key from statuses where id = ${ref}` : sql`select id::text as key from tags where name = ${ref.replace(/^#/, '').toLowerCase()}`,
  );
  return rows[0]?.key;
}
