// Review of trends (PARLEY_TRENDS_REVIEW=manual): an administrator approves a status by id, a tag by
// name, a link by address (`parley trends approve`); what scores without approval can be listed.
import type { Db } from '../../store/db.ts';
import type { TrendKind } from '../../store/schema/index.ts';
import { approveTrend, trendKeyOf, unapprovedTrends } from '../../store/trends/approvals.ts';
import { CoreError, NotFoundError } from '../errors.ts';
import { normaliseUrl } from '../text/links.ts';

export function createTrendReview(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Approves one; returns the key approved (a link's address normalised, as its shares are). */
    async approve(kind: TrendKind, ref: string): Promise<string> {
      let key: string | null | undefined;
      if (kind === 'link') {
        key = normaliseUrl(ref);
        if (!key) throw new CoreError('validation', `not an http(s) address: ${ref}`);
      } else {
        key = await trendKeyOf(db, kind, ref);
        if (!key) throw new NotFoundError(`no ${kind} ${ref}`);
      }
      await approveTrend(db, kind, key);
      return key;
    },
    pending: (kind: TrendKind, limit = 40) => unapprovedTrends(db, kind, limit),
  };
}
