// Which years an account may have a report of.
import type { Executor } from '../jobs.ts';
import { yearFacts } from '../../store/annual-reports/stats.ts';

/**
 * Parley's rule (Mastodon opens one year's reports in late December only): a report may be made
 * for the current year or the one before it (UTC), by a local account that existed by that year's
 * end and made at least one status (post, reply or reblog) in it.
 */
export function yearOpen(year: number, now = new Date()): boolean {
  const current = now.getUTCFullYear();
  return year === current || year === current - 1;
}

export async function eligible(db: Executor, accountId: string, year: number): Promise<boolean> {
  if (!yearOpen(year)) return false;
  const facts = await yearFacts(db, accountId, year);
  return facts.existed && facts.posted;
}
