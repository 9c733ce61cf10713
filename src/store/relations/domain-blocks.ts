// Domains an account blocks, and what a new block ends: relations with that domain's accounts and
// the notifications they sent.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db.ts';
import { accountDomainBlocks, type AccountRow } from '../schema/index.ts';
import type { PageOver } from './related-accounts.ts';

/** Inserts a block unless there is one; whether it was made. */
export async function insertDomainBlock(tx: DbOrTx, id: string, accountId: string, domain: string): Promise<boolean> {
  const made = await tx.insert(accountDomainBlocks).values({ id, accountId, domain }).onConflictDoNothing().returning({ id: accountDomainBlocks.id });
  return made.length > 0;
}

/** Deletes a block; whether there was one. */
export async function deleteDomainBlock(tx: DbOrTx, accountId: string, domain: string): Promise<boolean> {
  const gone = await tx
    .delete(accountDomainBlocks)
    .where(and(eq(accountDomainBlocks.accountId, accountId), eq(accountDomainBlocks.domain, domain)))
    .returning({ id: accountDomainBlocks.id });
  return gone.length > 0;
}

export async function blocksDomain(db: DbOrTx, accountId: string, domain: string): Promise<boolean> {
  const found = await db.query.accountDomainBlocks.findFirst({ where: and(eq(accountDomainBlocks.accountId, accountId), eq(accountDomainBlocks.domain, domain)), columns: { id: true } });
  return found !== undefined;
}

/** A page of the domains an account blocks, each with its block's id (the cursor). */
export async function domainBlockPage(db: Db, accountId: string, page: { over: PageOver; limit: number }): Promise<{ cursor: string; domain: string }[]> {
  const p = page.over(accountDomainBlocks.id);
  return db
    .select({ cursor: accountDomainBlocks.id, domain: accountDomainBlocks.domain })
    .from(accountDomainBlocks)
    .where(and(eq(accountDomainBlocks.accountId, accountId), p.where))
    .orderBy(p.order)
    .limit(page.limit);
}

/** Accounts of `domain` that `accountId` follows or asked to follow (`outgoing`), or that follow it or ask to (`incoming`). */
export async function relatedOnDomain(tx: DbOrTx, accountId: string, domain: string, way: 'outgoing' | 'incoming'): Promise<AccountRow[]> {
  const [mine, theirs] = way === 'outgoing' ? [sql.raw('account_id'), sql.raw('target_account_id')] : [sql.raw('target_account_id'), sql.raw('account_id')];
  const { rows } = await tx.execute<{ id: string }>(sql`
    select r.${theirs}::text as id from follows r join accounts a on a.id = r.${theirs} where r.${mine} = ${accountId} and a.domain = ${domain}
    union select r.${theirs}::text from follow_requests r join accounts a on a.id = r.${theirs} where r.${mine} = ${accountId} and a.domain = ${domain}`);
  if (rows.length === 0) return [];
  return tx.query.accounts.findMany({
    where: (a, { inArray }) =>
      inArray(
        a.id,
        rows.map((r) => r.id),
      ),
  });
}

/** Deletes the notifications `accountId` got from accounts of `domain`. */
export async function deleteNotificationsFromDomain(tx: DbOrTx, accountId: string, domain: string): Promise<void> {
  await tx.execute(sql`delete from notifications n using accounts a where n.account_id = ${accountId} and a.id = n.from_account_id and a.domain = ${domain}`);
}
