// Accounts around a status: who favourited or reblogged it, who it mentions.
import { and, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { favourites, statusMentions, statuses } from '../schema/index.ts';

/** A page over an id column: its conditions and order (see core/pagination). */
export type PageWindow = (column: AnyColumn) => { where: SQL | undefined; order: SQL };

export interface AccountRow {
  cursor: string;
  accountId: string;
}

export async function favouriters(db: DbOrTx, statusId: string, window: PageWindow, limit: number): Promise<AccountRow[]> {
  const p = window(favourites.id);
  return db
    .select({ cursor: favourites.id, accountId: favourites.accountId })
    .from(favourites)
    .where(and(eq(favourites.statusId, statusId), p.where))
    .orderBy(p.order)
    .limit(limit);
}

/** Accounts whose reblogs of the status are public or unlisted. */
export async function rebloggers(db: DbOrTx, statusId: string, window: PageWindow, limit: number): Promise<AccountRow[]> {
  const p = window(statuses.id);
  return db
    .select({ cursor: statuses.id, accountId: statuses.accountId })
    .from(statuses)
    .where(and(eq(statuses.reblogOfId, statusId), inArray(statuses.visibility, ['public', 'unlisted']), p.where))
    .orderBy(p.order)
    .limit(limit);
}

export async function mentionedIds(db: DbOrTx, statusId: string): Promise<string[]> {
  const rows = await db.select({ id: statusMentions.accountId }).from(statusMentions).where(eq(statusMentions.statusId, statusId));
  return rows.map((r) => r.id);
}

export async function remoteMentionedIds(db: DbOrTx, statusId: string): Promise<string[]> {
  const remote = await db.execute<{ id: string }>(sql`
    select m.account_id as id from status_mentions m join accounts a on a.id = m.account_id and a.domain is not null where m.status_id = ${statusId}`);
  return remote.rows.map((r) => String(r.id));
}
