// Durable batches: ids queued in a table by the transaction that makes them due, and handled many
// at a time. For work done for nearly every write (the fan-out of each post), a job per id cost
// more than the work itself: graphile-worker's add_job, its fetch and its completion are several
// statements each, and add_job's NOTIFY makes committing transactions wait for one another. Here
// queueing is one row inserted by the writer's own statement, and a batch of up to `size` ids is
// claimed, handled and removed in one transaction.
import { sql, type SQL } from 'drizzle-orm';
import type { Bus } from './bus.ts';
import type { Executor } from './jobs.ts';
import type { Db } from '../store/db.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Handles ids; throws to have the batch retried (each id then alone, so one bad id holds no other
 * back). `tx` is the claim's transaction: what is written there happens exactly once, with the ids
 * leaving the queue (each attempt runs in a savepoint). What it returns runs once that committed.
 */
export type BatchHandler = (ids: string[], tx: Executor) => Promise<void | AfterCommit>;
export type AfterCommit = () => Promise<void>;

/**
 * A queue's work: `handle`, and what must still happen for ids given up on after `maxAttempts`
 * (`abandon`, in the claim's transaction: what is owed exactly once, such as counting a post on
 * its author's profile, is not lost with a delivery that kept failing).
 */
export type QueueHandler = BatchHandler | { handle: BatchHandler; abandon: BatchHandler };

export interface Batches {
  /** Queues the ids a query selects, inside the caller's statement (to embed in a CTE). */
  enqueueQuery(queue: string, ids: SQL): SQL;
  enqueue(tx: Executor, queue: string, id: string): Promise<void>;
  /** Call once the enqueuing transaction committed: workers in every process look at once. */
  wake(queue: string): void;
  /**
   * Takes ids out of the queue before they are handled (what they stood for is gone); returns those
   * that were still waiting. An id being handled is waited for, and then not returned.
   */
  cancel(tx: Executor, queue: string, ids: readonly string[]): Promise<string[]>;
  work(handlers: Record<string, QueueHandler>, options?: { size?: number; loops?: number }): Promise<void>;
  /** Ids waiting or being handled (tests and benchmarks wait for none). */
  pending(): Promise<number>;
  stop(): Promise<void>;
}

/** Attempts before an id is given up on: retried after 2, 4, … 512 s, about 17 minutes in all. */
const MAX_ATTEMPTS = 10;
/** A lost wake-up (another process's, a crash) is noticed this late at worst. */
const POLL_MS = 1000;

export function createBatches(deps: { db: Db; bus: Bus; log?: (message: string) => void; pollMs?: number; maxAttempts?: number }): Batches {
  const { db, bus } = deps;
  const pollMs = deps.pollMs ?? POLL_MS;
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  const log = deps.log ?? ((m: string) => console.error(`[batches] ${m}`));
  const wakeChannel = (queue: string) => `batches:${queue}`;
  const waiting = new Map<string, Set<() => void>>();
  const dirty = new Set<string>();
  const loops: Promise<void>[] = [];
  const unsubscribes: (() => Promise<void>)[] = [];
  let stopped = false;
  let handling = 0;

  function wakeLocal(queue: string): void {
    dirty.add(queue);
    const set = waiting.get(queue);
    if (!set) return;
    waiting.delete(queue);
    for (const resolve of set) resolve();
  }

  function sleep(queue: string): Promise<void> {
    return new Promise((resolve) => {
      let set = waiting.get(queue);
      if (!set) waiting.set(queue, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      set.add(done);
    });
  }

  const retryDelay = (attempts: number) => `${Math.min(2 ** attempts, 3600)} seconds`;

  /** One claim: returns how many ids it took. */
  async function claim(queue: string, queueHandler: QueueHandler, size: number): Promise<number> {
    const handler = typeof queueHandler === 'function' ? queueHandler : queueHandler.handle;
    const abandon = typeof queueHandler === 'function' ? undefined : queueHandler.abandon;
    // Counted as handling from the claim until its after-commit work is done, so that whoever
    // waits for idle sees all of its effects.
    let counted = false;
    try {
      const claimed = await db.transaction(async (tx) => {
        const rows = await tx.execute<{ id: string; attempts: number }>(sql`
          select id::text, attempts from job_batches where queue = ${queue} and run_at <= now()
          order by id limit ${size} for update skip locked`);
        if (rows.rows.length === 0) return undefined;
        handling++;
        counted = true;
        const ids = rows.rows.map((r) => r.id);
        const after: AfterCommit[] = [];
        const failed = await handleAll(queue, handler, ids, tx, after);
        const done = ids.filter((id) => !failed.has(id));
        if (done.length > 0) await tx.execute(sql`delete from job_batches where queue = ${queue} and id = any(${`{${done.join(',')}}`}::bigint[])`);
        const given: string[] = [];
        for (const r of rows.rows) {
          if (!failed.has(r.id)) continue;
          const attempts = r.attempts + 1;
          if (attempts >= maxAttempts) {
            log(`${queue} ${r.id}: giving up after ${attempts} attempts: ${failed.get(r.id)}`);
            given.push(r.id);
          } else {
            await tx.execute(sql`update job_batches set attempts = ${attempts}, run_at = now() + ${retryDelay(attempts)}::interval where queue = ${queue} and id = ${r.id}`);
          }
        }
        if (given.length > 0) {
          if (abandon) {
            try {
              const then = await tx.transaction(async (sp) => abandon(given, sp));
              if (then) after.push(then);
            } catch (error) {
              log(`${queue}: what was owed for ${given.join(', ')} failed too: ${String(error)}`);
            }
          }
          await tx.execute(sql`delete from job_batches where queue = ${queue} and id = any(${`{${given.join(',')}}`}::bigint[])`);
        }
        return { taken: ids.length, after };
      });
      if (!claimed) return 0;
      for (const run of claimed.after) {
        try {
          await run();
        } catch (error) {
          log(`${queue}: after commit: ${String(error)}`);
        }
      }
      return claimed.taken;
    } finally {
      if (counted) handling--;
    }
  }

  /** The batch at once; if it fails, each id alone. Returns the ids that failed, with why. */
  async function handleAll(queue: string, handler: BatchHandler, ids: string[], tx: Tx, after: AfterCommit[]): Promise<Map<string, string>> {
    // A savepoint per attempt: a failed attempt's writes go, the claim stays.
    const attempt = async (some: string[]) => {
      const then = await tx.transaction(async (sp) => handler(some, sp));
      if (then) after.push(then);
    };
    const failed = new Map<string, string>();
    try {
      await attempt(ids);
      return failed;
    } catch (error) {
      if (ids.length === 1) {
        failed.set(ids[0]!, String(error));
        return failed;
      }
      // Said, even when every id then goes through alone: a batch failing often is a bug (as were
      // deadlocks between batches), and one id at a time is much slower.
      log(`${queue}: a batch of ${ids.length} failed, each id is tried alone: ${String(error)}`);
    }
    for (const id of ids) {
      try {
        await attempt([id]);
      } catch (error) {
        failed.set(id, String(error));
      }
    }
    return failed;
  }

  async function loop(queue: string, handler: QueueHandler, size: number): Promise<void> {
    while (!stopped) {
      dirty.delete(queue);
      let taken = 0;
      try {
        taken = await claim(queue, handler, size);
      } catch (error) {
        if (!stopped) log(`${queue}: ${String(error)}`);
      }
      if (stopped) return;
      // A full batch means more may be waiting; otherwise sleep until woken (or the poll).
      if (taken < size && !dirty.has(queue)) await sleep(queue);
    }
  }

  const enqueueQuery = (queue: string, ids: SQL): SQL => sql`insert into job_batches (queue, id) select ${queue}, x.id from (${ids}) as x(id) on conflict do nothing`;

  return {
    enqueueQuery,

    async enqueue(tx, queue, id) {
      await tx.execute(enqueueQuery(queue, sql`select ${id}::bigint`));
    },

    async cancel(tx, queue, ids) {
      if (ids.length === 0) return [];
      const { rows } = await tx.execute<{ id: string }>(sql`
        delete from job_batches where queue = ${queue} and id = any(${`{${ids.join(',')}}`}::bigint[]) returning id::text`);
      return rows.map((r) => r.id);
    },

    wake(queue) {
      // The local bus delivers in this process; with Redis, to every process's workers.
      void bus.publish(wakeChannel(queue), '').catch(() => wakeLocal(queue));
    },

    async work(handlers, options = {}) {
      const size = options.size ?? 100;
      // Two loops: one claims while the other's handler waits on I/O.
      const count = options.loops ?? 2;
      for (const [queue, handler] of Object.entries(handlers)) {
        unsubscribes.push(await bus.subscribe(wakeChannel(queue), () => wakeLocal(queue)));
        for (let i = 0; i < count; i++) loops.push(loop(queue, handler, size));
      }
    },

    async pending() {
      const { rows } = await db.$client.query(`select count(*)::int as n from job_batches where run_at <= now()`);
      return (rows[0].n as number) + handling;
    },

    async stop() {
      stopped = true;
      for (const queue of [...waiting.keys()]) wakeLocal(queue);
      await Promise.all(unsubscribes.map((u) => u()));
      await Promise.all(loops);
    },
  };
}
