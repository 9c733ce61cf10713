// Mastodon's AnnualReport, wrapped with the accounts and statuses it names (WrappedAnnualReports).
import type { WrappedReports } from '../../../core/annual-reports/service.ts';
import { serializeAccount, type UrlContext } from './account.ts';
import { serializeStatus } from './status.ts';

export function serializeAnnualReports(w: WrappedReports, urls: UrlContext) {
  return {
    annual_reports: w.reports.map((r) => ({ year: r.year, account_id: r.accountId, data: r.data, schema_version: r.schemaVersion, share_url: null })),
    accounts: w.accounts.map((a) => serializeAccount(a, urls)),
    statuses: w.statuses.map((s) => serializeStatus(s, urls)),
  };
}
