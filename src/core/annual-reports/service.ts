// Annual reports ("Wrapstodon"): an account's year, made on request by a durable job and kept.
// Its state is Mastodon's: `available` (made), `generating` (its job is running: an async
// refresh keyed `wrapstodon:<account>:<year>`), `eligible` (see eligibility) or `ineligible`.
import type { Db } from '../../store/db.ts';
import { insertReport, markReportRead, reportOf, unreadReports } from '../../store/annual-reports/reports.ts';
import type { AnnualReportRow } from '../../store/schema/index.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import type { AsyncRefresh, AsyncRefreshes } from '../async-refreshes.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { JobPayloads, Jobs } from '../jobs.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { computeReport, REPORT_SCHEMA_VERSION, type ReportData } from './compute.ts';
import { eligible } from './eligibility.ts';

export const ANNUAL_REPORT_TASK = 'annual-report.generate' satisfies keyof JobPayloads;

export type ReportState = 'available' | 'generating' | 'eligible' | 'ineligible';

/** Reports with the accounts and statuses they name, as the owner may see them. */
export interface WrappedReports {
  reports: AnnualReportRow[];
  accounts: AccountView[];
  statuses: StatusView[];
}

const refreshKey = (accountId: string, year: number) => `wrapstodon:${accountId}:${year}`;

export function createAnnualReports(deps: { db: Db; jobs: Jobs; refreshes: AsyncRefreshes; views: StatusViews; accountViews: AccountViews }) {
  const { db, jobs, refreshes, views, accountViews } = deps;

  /** The accounts and statuses the reports name, hydrated for their owner (visibility applies). */
  async function wrap(ownerId: string, reports: AnnualReportRow[]): Promise<WrappedReports> {
    const datas = reports.map((r) => r.data as Partial<ReportData>);
    const statusIds = datas.flatMap((d) => Object.values(d.top_statuses ?? {}).filter((id): id is string => typeof id === 'string'));
    const accountIds = datas.flatMap((d) => [...(d.commonly_interacted_with_accounts ?? []), ...(d.most_reblogged_accounts ?? [])].map((a) => a.account_id));
    const [statuses, accounts] = await Promise.all([views.hydrate(ownerId, [...new Set(statusIds)]), accountViews.byIds(accountIds)]);
    return { reports, accounts: [...accounts.values()], statuses };
  }

  async function state(accountId: string, year: number): Promise<{ state: ReportState; refresh: AsyncRefresh | null }> {
    if (await reportOf(db, accountId, year)) return { state: 'available', refresh: null };
    const refresh = await refreshes.running(refreshKey(accountId, year));
    if (refresh) return { state: 'generating', refresh };
    return { state: (await eligible(db, accountId, year)) ? 'eligible' : 'ineligible', refresh: null };
  }

  return {
    state,

    /** The owner's reports not yet marked read. */
    list: async (accountId: string): Promise<WrappedReports> => wrap(accountId, await unreadReports(db, accountId)),

    async one(accountId: string, year: number): Promise<WrappedReports> {
      const report = await reportOf(db, accountId, year);
      if (!report) throw new NotFoundError();
      return wrap(accountId, [report]);
    },

    /**
     * Asks for the year's report: made already (`available`), or its job queued or running
     * (`generating`, with the refresh to poll). A year the account is not eligible for is refused.
     */
    async generate(accountId: string, year: number): Promise<{ state: 'available' | 'generating'; refresh: AsyncRefresh | null }> {
      const now = await state(accountId, year);
      if (now.state === 'available' || now.state === 'generating') return { state: now.state, refresh: now.refresh };
      if (now.state === 'ineligible') throw new ValidationError({ year: [{ error: 'ERR_INVALID', description: 'has no report to generate for this account' }] });
      const refresh = await db.transaction(async (tx) => {
        const { refresh, started } = await refreshes.start(tx, refreshKey(accountId, year), { cooldownMs: 0, countResults: false });
        if (started) await jobs.enqueue(tx, ANNUAL_REPORT_TASK, { accountId, year }, { key: refreshKey(accountId, year), maxAttempts: 5 });
        return refresh;
      });
      return { state: 'generating', refresh };
    },

    /** The job: the year computed and stored, its refresh finished in the same commit. */
    async run(job: JobPayloads[typeof ANNUAL_REPORT_TASK]): Promise<void> {
      const running = await refreshes.running(refreshKey(job.accountId, job.year));
      const data = (await reportOf(db, job.accountId, job.year)) ? null : await computeReport(db, job.accountId, job.year);
      await db.transaction(async (tx) => {
        if (data) await insertReport(tx, { accountId: job.accountId, year: job.year, schemaVersion: REPORT_SCHEMA_VERSION, data });
        if (running) await refreshes.finish(running.id, tx);
      });
    },

    async markRead(accountId: string, year: number): Promise<void> {
      if (!(await markReportRead(db, accountId, year))) throw new NotFoundError();
    },
  };
}

export type AnnualReports = ReturnType<typeof createAnnualReports>;
