// Async refreshes (see core/async-refreshes): one row per key, replaced when its work starts again.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { asyncRefreshes, type AsyncRefreshRow } from '../schema/index.ts';

export async function refreshByKey(db: Db, key: string): Promise<AsyncRefreshRow | undefined> {
  const [row] = await db.select().from(asyncRefreshes).where(eq(asyncRefreshes.key, key));
  return row;
}

export async function refreshById(db: Db, id: string): Promise<AsyncRefreshRow | undefined> {
  const [row] = await db.select().from(asyncRefreshes).where(eq(asyncRefreshes.id, id));
  return row;
}

/**
 * Starts the key's refresh under a new id, unless one started after `notBefore` (still running, or
 * finished within a cooldown): that one is answered instead, with `started` false.
 */
export async function startRefresh(db: Pick<Db, 'execute'>, key: string, id: string, notBefore: Date, countResults: boolean): Promise<{ row: AsyncRefreshRow; started: boolean }> {
  const { rows } = await db.execute<RawRow>(sql`
    insert into async_refreshes (key, id, status, result_count) values (${key}, ${id}, 'running', ${countResults ? 0 : null})
    on conflict (key) do update set id = excluded.id, status = 'running', result_count = excluded.result_count, created_at = now(), finished_at = null
      where async_refreshes.status <> 'running' and async_refreshes.created_at < ${notBefore.toISOString()}::timestamptz
    returning *`);
  if (rows[0]) return { row: fromRaw(rows[0]), started: true };
  const { rows: kept } = await db.execute<RawRow>(sql`select * from async_refreshes where key = ${key}`);
  if (!kept[0]) throw new Error(`async refresh ${key} vanished while starting`);
  return { row: fromRaw(kept[0]), started: false };
}

type RawRow = {
  key: string;
  id: string;
  status: 'running' | 'finished';
  result_count: number | null;
  created_at: string | Date;
  finished_at: string | Date | null;
};

const fromRaw = (r: RawRow): AsyncRefreshRow => ({
  key: r.key,
  id: r.id,
  status: r.status,
  resultCount: r.result_count,
  createdAt: new Date(r.created_at),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
});

/** Counts results found by the refresh of this id (nothing when it has been replaced). */
export async function addRefreshResults(db: Db, id: string, n: number): Promise<void> {
  if (n <= 0) return;
  await db.execute(sql`update async_refreshes set result_count = coalesce(result_count, 0) + ${n} where id = ${id}`);
}

export async function finishRefresh(db: Pick<Db, 'execute'>, id: string): Promise<void> {
  await db.execute(sql`update async_refreshes set status = 'finished', finished_at = now() where id = ${id} and status = 'running'`);
}
