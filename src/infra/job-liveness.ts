// graphile-worker unlocks a job whose worker vanished (kill -9, power cut) only after four hours.
// Each process here says which of its workers are alive every few seconds; jobs locked by a worker
// nobody has seen lately go back to the queue at once, so a restart resumes the work.
import type { Pool, PoolClient } from 'pg';

type Queryable = Pool | PoolClient;
import type { WorkerEvents } from 'graphile-worker';

const BEAT_MS = 2_000;
/** a worker unseen this long is dead; a lock younger than this is left alone (its worker may not have beaten yet) */
const DEAD_AFTER_S = 10;

export interface JobLiveness {
  /** give to graphile-worker's `run({ events })`, so new workers are known */
  watch(events: WorkerEvents): void;
  /** beat now, then unlock what dead workers held */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function createJobLiveness(pool: Pool, log: (message: string) => void): JobLiveness {
  const alive = new Set<string>();
  let stopped = false;

  async function beat(db: Queryable = pool): Promise<void> {
    if (alive.size === 0) return;
    await db.query(`insert into job_workers (worker_id, seen_at) select unnest($1::text[]), now() on conflict (worker_id) do update set seen_at = now()`, [[...alive]]);
  }

  async function beatAndUnlock(db: Queryable): Promise<number> {
    await beat(db);
    const { rows } = await db.query<{ ids: string[] | null }>(
      `select array_agg(distinct j.locked_by) as ids from graphile_worker._private_jobs j
        where j.locked_by is not null and j.locked_at < now() - make_interval(secs => $1)
          and not exists (select 1 from job_workers w where w.worker_id = j.locked_by and w.seen_at > now() - make_interval(secs => $1))`,
      [DEAD_AFTER_S],
    );
    const ids = rows[0]?.ids ?? [];
    if (ids.length === 0) return 0;
    await db.query(`select graphile_worker.force_unlock_workers($1::text[])`, [ids]);
    await db.query(`delete from job_workers where seen_at < now() - interval '1 day'`);
    log(`unlocked the jobs of ${ids.length} worker(s) no longer running`);
    return ids.length;
  }

  // Beat and sweep on one connection of their own, apart from the requests' pool.query traffic.
  const sweep = async () => {
    const client = await pool.connect();
    try {
      return await beatAndUnlock(client);
    } finally {
      client.release();
    }
  };
  const timer = setInterval(() => {
    if (!stopped) sweep().catch(() => {});
  }, BEAT_MS);
  timer.unref();

  return {
    watch(events) {
      // Jobs are locked in a pool's name (a worker's, in graphile-worker's older releases).
      const seen = (id: string) => {
        alive.add(id);
        beat().catch(() => {});
      };
      events.on('pool:create', ({ workerPool }) => seen(workerPool.id));
      events.on('pool:release', ({ workerPool }) => alive.delete(workerPool.id));
      events.on('worker:create', ({ worker }) => seen(worker.workerId));
      events.on('worker:stop', ({ worker }) => alive.delete(worker.workerId));
    },
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const ids = [...alive];
      alive.clear();
      if (ids.length > 0) await pool.query(`delete from job_workers where worker_id = any($1::text[])`, [ids]).catch(() => {});
    },
  };
}
