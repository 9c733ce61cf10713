// Annual reports as stored (see core/annual-reports).
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db.ts';
import { annualReports, type AnnualReportRow } from '../schema/index.ts';

export async function reportOf(db: Db, accountId: string, year: number): Promise<AnnualReportRow | undefined> {
  const [row] = await db
    .select()
    .from(annualReports)
    .where(and(eq(annualReports.accountId, accountId), eq(annualReports.year, year)));
  return row;
}

/** The account's reports not yet marked read, oldest year first. */
export function unreadReports(db: Db, accountId: string): Promise<AnnualReportRow[]> {
  return db
    .select()
    .from(annualReports)
    .where(and(eq(annualReports.accountId, accountId), isNull(annualReports.viewedAt)))
    .orderBy(asc(annualReports.year));
}

/** Keeps the first report made for the year: a second run (a retried job) changes nothing. */
export async function insertReport(tx: Pick<DbOrTx, 'execute'>, row: { accountId: string; year: number; schemaVersion: number; data: Record<string, unknown> }): Promise<void> {
  await tx.execute(sql`insert into annual_reports (account_id, year, schema_version, data)
    values (${row.accountId}, ${row.year}, ${row.schemaVersion}, ${JSON.stringify(row.data)}::jsonb) on conflict do nothing`);
}

/** Marks it read (the first time only); false when there is no such report. */
export async function markReportRead(db: Db, accountId: string, year: number): Promise<boolean> {
  const { rows } = await db.execute(sql`update annual_reports set viewed_at = coalesce(viewed_at, now())
    where account_id = ${accountId} and year = ${year} returning 1`);
  return rows.length > 0;
}
