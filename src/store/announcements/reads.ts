// What users did with announcements: dismissals and emoji reactions.
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { announcementDismissals, announcementReactions } from '../schema/index.ts';

export interface ReactionCount {
  announcementId: string;
  name: string;
  count: number;
  /** the viewer reacted so */
  me: boolean;
}

/** Of these announcements, those the account dismissed. */
export async function dismissedOf(db: DbOrTx, accountId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: announcementDismissals.announcementId })
    .from(announcementDismissals)
    .where(and(eq(announcementDismissals.accountId, accountId), inArray(announcementDismissals.announcementId, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function insertDismissal(db: DbOrTx, announcementId: string, accountId: string): Promise<void> {
  await db.insert(announcementDismissals).values({ announcementId, accountId }).onConflictDoNothing();
}

/** Each announcement's reactions counted by name, in the order each name was first used; `me` for the viewer's own. */
export async function reactionCounts(db: DbOrTx, ids: string[], viewerId: string | null): Promise<ReactionCount[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      announcementId: announcementReactions.announcementId,
      name: announcementReactions.name,
      count: count(),
      me: viewerId ? sql<boolean>`bool_or(${announcementReactions.accountId} = ${viewerId})` : sql<boolean>`false`,
    })
    .from(announcementReactions)
    .where(inArray(announcementReactions.announcementId, ids))
    .groupBy(announcementReactions.announcementId, announcementReactions.name)
    .orderBy(sql`min(${announcementReactions.createdAt})`);
  return rows.map((r) => ({ ...r, count: Number(r.count), me: Boolean(r.me) }));
}

/** Adds or takes back the account's reaction; whether anything changed. */
export async function setReaction(db: DbOrTx, row: { announcementId: string; accountId: string; name: string }, on: boolean): Promise<boolean> {
  const t = announcementReactions;
  const changed = on
    ? await db.insert(t).values(row).onConflictDoNothing().returning({ name: t.name })
    : await db
        .delete(t)
        .where(and(eq(t.announcementId, row.announcementId), eq(t.accountId, row.accountId), eq(t.name, row.name)))
        .returning({ name: t.name });
  return changed.length > 0;
}

/** How many reacted to an announcement with this name. */
export async function reactionCount(db: DbOrTx, announcementId: string, name: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(announcementReactions)
    .where(and(eq(announcementReactions.announcementId, announcementId), eq(announcementReactions.name, name)));
  return Number(row?.n ?? 0);
}

/** The names people reacted to an announcement with. */
export async function reactionNames(db: DbOrTx, announcementId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ name: announcementReactions.name }).from(announcementReactions).where(eq(announcementReactions.announcementId, announcementId));
  return rows.map((r) => r.name);
}
