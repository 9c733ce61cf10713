// Which followed accounts a viewer's home pulls at read time (accounts above the fan-out pull
// threshold, see account_stats.pulled), asked on every home read and so kept per viewer. Every
// change that moves the answer forgets it on every process: a follow, an unfollow, a block, a mute
// or an exclusive list forgets that viewer's; an author crossing the threshold forgets everyone's,
// since its followers' pages must start pulling its posts with the very post that made it cross
// (it is no longer pushed). Before, the answer was kept 2 s, and that first post stayed out of
// followers' homes for as long.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { accountStats, follows } from '../../store/schema/index.ts';
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import { inExclusiveList } from './service.ts';

/** Bounds what a process that missed a message could serve. */
const TTL_MS = 60_000;
const MAX_VIEWERS = 20_000;

export function createPulledAuthors(deps: { db: Db; bus: Bus }) {
  const { db, bus } = deps;

  const viewersQuery = db
    .select({ viewer: follows.accountId, id: follows.targetAccountId })
    .from(follows)
    .innerJoin(accountStats, eq(accountStats.accountId, follows.targetAccountId))
    .where(and(sql`${follows.accountId} = any(${sql.placeholder('viewers')}::bigint[])`, eq(accountStats.pulled, true), sql`not ${inExclusiveList(sql`follows.account_id`, sql`follows.target_account_id`)}`))
    .prepare('home_pulled_authors');

  async function read(viewerIds: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>(viewerIds.map((v) => [v, []]));
    for (const r of await viewersQuery.execute({ viewers: `{${viewerIds.join(',')}}` })) found.get(r.viewer)?.push(r.id);
    return found;
  }

  const cache = createSharedCache<string[]>(bus, 'pulled-authors', { max: MAX_VIEWERS, ttlMs: TTL_MS, reload: read });

  return {
    /** The accounts this viewer follows whose posts its home pulls (none of its exclusive lists' members). */
    async of(viewerId: string): Promise<string[]> {
      const cached = cache.get(viewerId);
      if (cached) return cached;
      const mark = cache.mark();
      return cache.set(viewerId, (await read([viewerId])).get(viewerId)!, mark);
    },
    /** Their follows, blocks, mutes or exclusive lists changed (call once committed). */
    forget: (viewerIds: readonly string[]): Promise<void> => cache.forget(viewerIds),
    /** Authors crossed the threshold: every viewer's answer may have changed. */
    crossed: (): Promise<void> => cache.forgetAll(),
  };
}

export type PulledAuthors = ReturnType<typeof createPulledAuthors>;
