// Polls of statuses as every viewer shares them, by status: kept in each process and forgotten
// everywhere with their status (a vote, a close or an edit announces its status changed), so a
// warm page reads no poll. A poll is read again once it ends, so that it shows as expired.
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import type { Db } from '../../store/db.ts';
import type { PollRow } from '../../store/schema/index.ts';
import { pollsOfStatuses } from '../../store/statuses/polls.ts';

const POLL_CACHE_SIZE = 20_000;
const POLL_CACHE_TTL_MS = 30_000;

export function createStatusPolls(db: Db, bus: Bus) {
  const read = async (statusIds: string[]) => new Map((await pollsOfStatuses(db, statusIds)).map((p) => [p.statusId, p]));
  const cache = createSharedCache<PollRow>(bus, 'polls', {
    max: POLL_CACHE_SIZE,
    ttlMs: POLL_CACHE_TTL_MS,
    reload: read,
    endsAt: (p) => (p.closedAt === null && p.expiresAt !== null ? p.expiresAt.getTime() : null),
  });

  return {
    /** The polls of these statuses (all of which have one), by status id. */
    of: (statusIds: readonly string[]): Promise<Map<string, PollRow>> => cache.getMany(statusIds, read),
    forget: (statusIds: readonly string[]): Promise<void> => cache.forget(statusIds),
  };
}

export type StatusPolls = ReturnType<typeof createStatusPolls>;
