// The accounts on the other end of one kind of relation, a page at a time (followers, blocked, endorsed...).
import { and, eq, gt, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { accountPins, accounts, blocks, followRequests, follows, mutes, type AccountRow } from '../schema/index.ts';

const TABLES = { follows, followRequests, blocks, mutes, accountPins };
export type RelationTable = keyof typeof TABLES;

/** Where a page starts and how it is ordered, over the relation's id (see core/pagination). */
export type PageOver = (id: AnyColumn) => { where: SQL | undefined; order: SQL };

const activeMute = or(isNull(mutes.expiresAt), gt(mutes.expiresAt, sql`now()`));

/**
 * The accounts related to `accountId`: those it acts on (`by: 'account'`) or those acting on it
 * (`by: 'target'`), suspended ones left out, mutes only while they last; each with the relation's id.
 */
export async function relatedAccounts(
  db: Db,
  name: RelationTable,
  by: 'account' | 'target',
  accountId: string,
  page: { over: PageOver; limit: number },
): Promise<{ cursor: string; account: AccountRow }[]> {
  const table = TABLES[name];
  const p = page.over(table.id);
  const [mine, theirs] = by === 'account' ? [table.accountId, table.targetAccountId] : [table.targetAccountId, table.accountId];
  return db
    .select({ cursor: table.id, account: accounts })
    .from(table)
    .innerJoin(accounts, eq(accounts.id, theirs))
    .where(and(eq(mine, accountId), p.where, isNull(accounts.suspendedAt), name === 'mutes' ? activeMute : undefined))
    .orderBy(p.order)
    .limit(page.limit);
}
