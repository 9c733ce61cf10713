// Durable batches: ids queued in a table by the transaction that makes them due, and handled many
// at a time. For work done for nearly every write (the fan-out of each post), a job per id cost
// more than the work itself: graphile-worker's add_job, its fetch and its completion are several
// statements each, and add_job's NOTIFY makes committing transactions wait for one another. Here
// queueing is one row inserted by the writer's own statement, and a batch of up to `size` ids is
// claimed, handled and removed in one transaction.
import { sql, type SQL } from 'drizzle-orm';
import type { Bus } from './bus.ts';
import type { Executor } from './jobs.ts';
import type { Db, Tx } from '../store/db.ts';
import { createBatchClaims } from './batch-claim.ts';
import { createBatchWakeups } from './batch-wakeups.ts';

/**
 * Handles ids; throws to have the batch retried (each id then alone, so one bad id holds no other
 * back). `tx` is the claim's transaction: what is written there happens exactly once, with the ids
 * leaving the queue (each attempt runs in a savepoint). What it returns runs once that committed.
 */
export type BatchHandler = (ids: string[], tx: Tx) => Promise<void | AfterCommit>;
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
  /**
   * Whether an id still waits in the queue; one being handled is waited for, and then does not. A
   * waiting id stays locked until the caller's transaction ends: it is handled after what that writes.
   */
  waiting(tx: Executor, queue: string, id: string): Promise<boolean>;
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
  const log = deps.log ?? ((m: string) => console.error(`[batches] ${m}`));
  const wakeChannel = (queue: string) => `batches:${queue}`;
  const wakeups = createBatchWakeups(deps.pollMs ?? POLL_MS);
  const claims = createBatchClaims({ db, log, maxAttempts: deps.maxAttempts ?? MAX_ATTEMPTS });
  const loops: Promise<void>[] = [];
  const unsubscribes: (() => Promise<void>)[] = [];
  let stopped = false;

  async function loop(queue: string, handler: QueueHandler, size: number): Promise<void> {
    while (!stopped) {
      wakeups.settle(queue);
      let taken = 0;
      try {
        taken = await claims.claim(queue, handler, size);
      } catch (error) {
        if (!stopped) log(`${queue}: ${String(error)}`);
      }
      if (stopped) return;
      // A full batch means more may be waiting; otherwise sleep until woken (or the poll).
      if (taken < size && !wakeups.woken(queue)) await wakeups.sleep(queue);
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

    async waiting(tx, queue, id) {
      const { rows } = await tx.execute(sql`select 1 from job_batches where queue = ${queue} and id = ${id}::bigint for update`);
      return rows.length > 0;
    },

    wake(queue) {
      // The local bus delivers in this process; with Redis, to every process's workers.
      void bus.publish(wakeChannel(queue), '').catch(() => wakeups.wake(queue));
    },

    async work(handlers, options = {}) {
      const size = options.size ?? 100;
      // Two loops: one claims while the other's handler waits on I/O.
      const count = options.loops ?? 2;
      for (const [queue, handler] of Object.entries(handlers)) {
        unsubscribes.push(await bus.subscribe(wakeChannel(queue), () => wakeups.wake(queue)));
        for (let i = 0; i < count; i++) loops.push(loop(queue, handler, size));
      }
    },

    async pending() {
      const { rows } = await db.$client.query(`select count(*)::int as n from job_batches where run_at <= now()`);
      return (rows[0].n as number) + claims.handling();
    },

    async stop() {
      stopped = true;
      wakeups.wakeAll();
      await Promise.all(unsubscribes.map((u) => u()));
      await Promise.all(loops);
    },
  };
}
