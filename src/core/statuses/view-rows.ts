// Status rows as every viewer shares them: kept in each process, forgotten everywhere when one
// changes (see StatusViews.forget, called once a change is committed). A warm page reads none of them.
import { sql } from 'drizzle-orm';
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';
import type { Db } from '../../store/db.ts';
import { statuses, type QuotePolicy, type StatusRow, type Visibility } from '../../store/schema/index.ts';
import { isId } from '../ids.ts';

const ROW_CACHE_SIZE = 50_000;
/** Writers forget what they change; this bounds what a missed message could leave (counts, mostly). */
const ROW_CACHE_TTL_MS = 30_000;

/** The values of a row's enum columns, each as this program's own string constant. */
const CONSTANTS = new Map<string, string>(['public', 'unlisted', 'private', 'direct', 'followers', 'nobody', 'manual'].map((v) => [v, v]));

/**
 * The row with its enum columns as string constants (the same value): a page compares them per
 * status and reader (who may see it, who may quote it), and constants compare by identity where
 * strings read from PostgreSQL compare character by character.
 */
function withConstants(row: StatusRow): StatusRow {
  row.visibility = (CONSTANTS.get(row.visibility) ?? row.visibility) as Visibility;
  row.quotePolicy = (CONSTANTS.get(row.quotePolicy) ?? row.quotePolicy) as QuotePolicy;
  return row;
}

/** A known change to a row: its replies counted (see timelines/fanout-count). */
interface RowPatch {
  repliesCount: number;
}

export function createStatusRows(db: Db, bus: Bus) {
  // The ids are one array, computed first, so PostgreSQL looks them up by index (an OR with a
  // sub-select made it scan the whole table: 192 ms instead of 0.1 ms on two million statuses).
  const idList = sql.placeholder('ids');
  const withOriginals = sql`${statuses.id} = any(array(select unnest(${idList}::bigint[]) union select reblog_of_id from statuses where id = any(${idList}::bigint[]) and reblog_of_id is not null))`;
  const rowsQuery = db.select().from(statuses).where(withOriginals).prepare('hydrate_statuses');
  const rowCache = createSharedCache<StatusRow, RowPatch>(bus, 'statuses', {
    max: ROW_CACHE_SIZE,
    ttlMs: ROW_CACHE_TTL_MS,
    // Counts only grow by patches (a removal forgets the row instead), so one arriving late from
    // another process, older than the count held, is ignored. A new object otherwise: what is
    // rendered of a row is kept per row object (see status-json).
    apply: (row, patch) => (patch.repliesCount <= row.repliesCount ? row : { ...row, repliesCount: patch.repliesCount }),
    reload: async (ids) => new Map((await rowsQuery.execute({ ids: `{${ids.join(',')}}` })).map((s) => [s.id, withConstants(s)])),
  });

  /** Rows of these statuses, and of the originals of reblogs among them: cached ones first. */
  async function read(ids: string[]): Promise<Map<string, StatusRow>> {
    const byId = new Map<string, StatusRow>();
    // A repeated id may be asked for twice: the query answers each row once.
    let missing: string[] = [];
    const want = (id: string) => {
      if (byId.has(id)) return;
      const cached = rowCache.get(id);
      if (cached) byId.set(id, cached);
      else missing.push(id);
    };
    for (const id of ids) if (isId(id)) want(id);
    for (let round = 0; round < 2 && (missing.length > 0 || round === 0); round++) {
      if (missing.length > 0) {
        const mark = rowCache.mark();
        const found = await rowsQuery.execute({ ids: `{${missing.join(',')}}` });
        for (const s of found) byId.set(s.id, rowCache.set(s.id, withConstants(s), mark));
        missing = [];
      }
      // A cached reblog whose original was not: one more read, for those originals alone. (Rows
      // added meanwhile are originals, which reblog nothing.)
      for (const s of byId.values()) if (s.reblogOfId) want(s.reblogOfId);
    }
    return byId;
  }

  return {
    read,
    forget: (ids: readonly string[]): Promise<void> => rowCache.forget(ids),
    mark: (): number => rowCache.mark(),
    /** Replies counted on these statuses (their new counts), committed since `mark`: kept rows show them everywhere. */
    repliesCounted: (counts: ReadonlyMap<string, number>, mark: number): Promise<void> => rowCache.revise(new Map([...counts].map(([id, repliesCount]) => [id, { repliesCount }])), mark),
    /** Keeps a row just committed, unless it changed since `mark` (see infra/shared-cache). */
    remember: (row: StatusRow, mark: number): void => void rowCache.set(row.id, withConstants(row), mark),
  };
}

export type StatusRows = ReturnType<typeof createStatusRows>;
