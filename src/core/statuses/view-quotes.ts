// Quotes made by statuses, as every viewer shares them, by quoting status: kept in each process and
// forgotten everywhere with their status (an accept, a reject or a revoke announces it changed), so
// a warm page reads no quote. Only statuses that quote something are looked up (see view-extras).
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import type { Db } from '../../store/db.ts';
import type { QuoteRow } from '../../store/schema/index.ts';
import { quotesOfStatuses } from '../../store/statuses/quotes.ts';

const QUOTE_CACHE_SIZE = 20_000;
const QUOTE_CACHE_TTL_MS = 30_000;

export function createStatusQuotes(db: Db, bus: Bus) {
  const read = async (statusIds: string[]) => new Map((await quotesOfStatuses(db, statusIds)).map((q) => [q.statusId, q]));
  const cache = createSharedCache<QuoteRow>(bus, 'quotes', { max: QUOTE_CACHE_SIZE, ttlMs: QUOTE_CACHE_TTL_MS, reload: read });

  return {
    /** The quotes of these statuses (all of which quote one), by quoting status id. */
    of: (statusIds: readonly string[]): Promise<Map<string, QuoteRow>> => cache.getMany(statusIds, read),
    forget: (statusIds: readonly string[]): Promise<void> => cache.forget(statusIds),
  };
}

export type StatusQuotes = ReturnType<typeof createStatusQuotes>;
