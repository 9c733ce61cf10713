// The trends job: every few minutes, statuses, tags and links are scored into the trends table
// (never in a request). The job queues its own next run, one at a time by its key.
//
// Statuses: favourites and reblogs from distinct accounts (local or remote, not the author) over two
// days, each account's latest weighted by half every 6 hours (Mastodon-like); only plain public
// posts (no reply, no content warning, not sensitive) of authors who opted into discovery.
// Tags: distinct accounts using a tag in public posts in the last 24 hours against their daily
// average over the 7 days before (Mastodon's comparison). Links: distinct accounts sharing an
// address (a post or a reblog), decayed as statuses are.
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import type { TrendKind } from '../../store/schema/index.ts';
import { historyOf, replaceTrends, scoreLinks, scoreStatuses, scoreTags, type Scored } from '../../store/trends/score.ts';
import type { Jobs } from '../jobs.ts';

export const TRENDS_EVERY_MS = 5 * 60_000;
export const HALF_LIFE_MS = 6 * 3600_000;
const WINDOW_MS = 48 * 3600_000;
const BASELINE_DAYS = 7;
/** one account alone never makes a trend */
const MIN_ACCOUNTS = 2;
/** kept per kind: more than any client pages through */
const KEEP = 200;

export function createTrendsScoring(deps: { db: Db; jobs: Jobs; config: Pick<Config, 'trends'> }) {
  const { db, jobs, config } = deps;
  /** Tags and links are stored with their last seven days. */
  const replaceWithHistory = async (kind: 'tag' | 'link', scored: Scored[], at: Date) => {
    const days = await historyOf(
      db,
      kind,
      scored.map((s) => s.key),
      at,
    );
    await replaceTrends(
      db,
      kind,
      scored.map((s) => ({ ...s, history: days.get(s.key) ?? [] })),
      at,
    );
  };
  return {
    /** Scores every kind as of `at`; returns how many of each now trend (nothing when trends are off). */
    async run(at = new Date()): Promise<Record<TrendKind, number>> {
      if (!config.trends.enabled) return { status: 0, tag: 0, link: 0 };
      const decay = { at, windowMs: WINDOW_MS, halfLifeMs: HALF_LIFE_MS, minAccounts: MIN_ACCOUNTS, keep: KEEP };
      const statuses = await scoreStatuses(db, decay);
      await replaceTrends(db, 'status', statuses, at);
      const tags = await scoreTags(db, { at, baselineDays: BASELINE_DAYS, minAccounts: MIN_ACCOUNTS, keep: KEEP });
      await replaceWithHistory('tag', tags, at);
      const links = await scoreLinks(db, decay);
      await replaceWithHistory('link', links, at);
      return { status: statuses.length, tag: tags.length, link: links.length };
    },
    /** Queues the next run, unless one is queued already (a restart keeps its time). */
    async schedule(inMs = TRENDS_EVERY_MS): Promise<void> {
      await jobs.enqueue(db, 'trends.refresh', {}, { key: 'trends.refresh', keyMode: 'preserve_run_at', runAt: new Date(Date.now() + inMs) });
    },
  };
}
