// Durable jobs in PostgreSQL (graphile-worker): enqueued in the same transaction as the change that
// causes them, so a crash never loses work; run by any number of worker processes. Work done for
// nearly every write goes in batches instead (see infra/batches), behind the same door.
import { is, SQL, sql } from 'drizzle-orm';
import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, type Runner, type Task, type WorkerEvents } from 'graphile-worker';
import { createBatches, type Batches, type QueueHandler } from './batches.ts';
import { createJobLiveness, type JobLiveness } from './job-liveness.ts';
import type { Bus } from './bus.ts';
import type { Db } from '../store/db.ts';

/**
 * What each job is given, by name: the module owning the jobs declares the map (core/jobs for the
 * core's), so a misspelt name or a wrong payload fails to compile. This module stays generic.
 */
export type JobMap<M> = { [K in keyof M]: object };

/** One handler per job of the map, given that job's payload. */
export type JobHandlers<M extends JobMap<M>> = { [K in keyof M]: (payload: M[K]) => Promise<void> };

/** Anything that can run SQL: the database or an open transaction. */
export type Executor = Pick<Db, 'execute'>;

export interface JobOptions {
  priority?: number;
  key?: string;
  /** what a job of the same key waiting already keeps: 'preserve_run_at' keeps its time (a debounce that cannot be put off forever) */
  keyMode?: 'replace' | 'preserve_run_at';
  runAt?: Date;
  maxAttempts?: number;
}

export interface Jobs<M extends JobMap<M>> {
  /** Enqueue inside the caller's transaction: the job exists if and only if the change committed. */
  enqueue<K extends keyof M & string>(tx: Executor, task: K, payload: M[K], options?: JobOptions): Promise<void>;
  /**
   * The enqueueing as a query, to run inside a larger statement (a CTE) that makes the change, so
   * the change and its job cost one round trip. It must be selected from, or it does not run. It
   * is a select without a where clause: one may be added, to queue the job only if it holds.
   */
  enqueueQuery<K extends keyof M & string>(task: K, payload: M[K] | SQL, options?: JobOptions): SQL;
  /** Inside the caller's transaction: the waiting job of this key is removed (one already running finishes). */
  remove(tx: Executor, key: string): Promise<void>;
  /** Batched work (see infra/batches): queue an id, then wake the workers once committed. */
  batches: Pick<Batches, 'enqueue' | 'enqueueQuery' | 'wake' | 'cancel' | 'waiting'>;
  /** Start working on jobs and batches with these handlers (call once per worker process). */
  work(handlers: JobHandlers<M>, options?: WorkOptions<M>): Promise<void>;
  /** Resolves when no job is waiting or running (tests and benchmarks use it). */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkOptions<M> {
  concurrency?: number;
  batches?: Record<string, QueueHandler>;
  /**
   * Jobs run apart, each pool with its own bound (media processing: a burst of uploads must not take
   * every worker from fan-out and delivery, nor every core from reads).
   */
  pools?: { tasks: (keyof M & string)[]; concurrency: number }[];
}

/** The payload may be SQL: a json expression over what the query is made to select from. */
function enqueueQuery(task: string, payload: object | SQL, options: JobOptions = {}): SQL {
  const json = is(payload, SQL) ? payload : sql`${JSON.stringify(payload)}::json`;
  return sql`select graphile_worker.add_job(${task}, ${json}, priority := ${options.priority ?? 0}, job_key := ${options.key ?? null}, job_key_mode := ${options.keyMode ?? 'replace'}, run_at := ${options.runAt?.toISOString() ?? null}::timestamptz, max_attempts := ${options.maxAttempts ?? 25})`;
}

/** Jobs of the map M: the type is the callers' word, nothing checks payloads at run time. */
export async function createJobs<M extends JobMap<M>>(db: Db, bus: Bus): Promise<Jobs<M>> {
  const pool = db.$client;
  const batches = createBatches({ db, bus });
  let stopping = false;
  // graphile-worker is chatty; keep its errors, except the expected ones while shutting down.
  const quiet = new Logger(() => (level, message) => {
    if (level === 'error' && !stopping) console.error(`[jobs] ${message}`);
  });
  await runMigrations({ pgPool: pool, logger: quiet });
  const runners: Runner[] = [];
  let running = 0;
  let liveness: JobLiveness | undefined;

  const startRunner = async (taskList: Record<string, Task>, concurrency: number) => {
    const events: WorkerEvents = new EventEmitter();
    liveness!.watch(events);
    runners.push(await run({ pgPool: pool, taskList, concurrency, noHandleSignals: true, pollInterval: 1000, logger: quiet, events }));
  };

  return {
    async enqueue(tx, task, payload, options = {}) {
      await tx.execute(enqueueQuery(task, payload, options));
    },

    enqueueQuery,

    async remove(tx, key) {
      await tx.execute(sql`select graphile_worker.remove_job(${key})`);
    },

    batches,

    async work(handlers, options = {}) {
      if (options.batches) await batches.work(options.batches);
      liveness ??= createJobLiveness(pool, (m) => console.error(`[jobs] ${m}`));
      await liveness.sweep();
      const tasks: Record<string, Task> = {};
      for (const [name, handler] of Object.entries(handlers as Record<string, (payload: unknown) => Promise<void>>)) {
        tasks[name] = async (payload) => {
          running++;
          try {
            await handler(payload);
          } finally {
            running--;
          }
        };
      }
      for (const p of options.pools ?? []) {
        const own = Object.fromEntries(p.tasks.map((t) => [t, tasks[t]!]));
        for (const t of p.tasks) delete tasks[t];
        await startRunner(own, p.concurrency);
      }
      await startRunner(tasks, options.concurrency ?? 4);
    },

    async idle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await pool.query(`select count(*)::int as n from graphile_worker.jobs where (locked_at is not null or run_at <= now()) and attempts < max_attempts`);
        if (rows[0].n === 0 && running === 0 && (await batches.pending()) === 0) return;
        if (Date.now() > deadline) throw new Error(`jobs still pending after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },

    async stop() {
      stopping = true;
      await batches.stop();
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await liveness?.stop();
      liveness = undefined;
    },
  };
}
