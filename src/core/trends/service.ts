// Trends: scored by a periodic job (score), read from what it stored (read), reviewed (review).
import type { Config } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import type { Jobs } from '../jobs.ts';
import type { StatusViews } from '../statuses/views.ts';
import { createTrendReads } from './read.ts';
import { createTrendReview } from './review.ts';
import { createTrendsScoring } from './score.ts';

export function createTrends(deps: { db: Db; jobs: Jobs; views: StatusViews; config: Pick<Config, 'trends'> }) {
  return { scoring: createTrendsScoring(deps), review: createTrendReview(deps), ...createTrendReads(deps) };
}

export type Trends = ReturnType<typeof createTrends>;
