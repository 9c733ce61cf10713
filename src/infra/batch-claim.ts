// One claim of a batch queue (see batches): up to `size` due ids taken in one transaction, handled
// there, and removed; an id that failed is retried later, or given up on after `maxAttempts`.
import { sql } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import type { AfterCommit, BatchHandler, QueueHandler } from './batches.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Claimed = { id: string; attempts: number };

export interface BatchClaimDeps {
  db: Db;
  maxAttempts: number;
  log: (message: string) => void;
}

const retryDelay = (attempts: number) => `${Math.min(2 ** attempts, 3600)} seconds`;
const idArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The batch at once; if it fails, each id alone. Returns the ids that failed, with why. */
async function handleAll(deps: BatchClaimDeps, queue: string, handler: BatchHandler, ids: string[], tx: Tx, after: AfterCommit[]): Promise<Map<string, string>> {
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
    deps.log(`${queue}: a batch of ${ids.length} failed, each id is tried alone: ${String(error)}`);
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

/** Failed ids wait for their next attempt; returns those given up on. */
async function retryLater(deps: BatchClaimDeps, tx: Tx, queue: string, rows: readonly Claimed[], failed: ReadonlyMap<string, string>): Promise<string[]> {
  const given: string[] = [];
  for (const r of rows) {
    if (!failed.has(r.id)) continue;
    const attempts = r.attempts + 1;
    if (attempts >= deps.maxAttempts) {
      deps.log(`${queue} ${r.id}: giving up after ${attempts} attempts: ${failed.get(r.id)}`);
      given.push(r.id);
    } else {
      await tx.execute(sql`update job_batches set attempts = ${attempts}, run_at = now() + ${retryDelay(attempts)}::interval where queue = ${queue} and id = ${r.id}`);
    }
  }
  return given;
}

/** Ids given up on: what is still owed for them (`abandon`), then out of the queue. */
async function giveUp(deps: BatchClaimDeps, tx: Tx, queue: string, given: string[], abandon: BatchHandler | undefined, after: AfterCommit[]): Promise<void> {
  if (given.length === 0) return;
  if (abandon) {
    try {
      const then = await tx.transaction(async (sp) => abandon(given, sp));
      if (then) after.push(then);
    } catch (error) {
      deps.log(`${queue}: what was owed for ${given.join(', ')} failed too: ${String(error)}`);
    }
  }
  await tx.execute(sql`delete from job_batches where queue = ${queue} and id = any(${idArray(given)}::bigint[])`);
}

/** Handles the claimed rows in the claim's transaction; returns what runs once it committed. */
async function handleClaimed(deps: BatchClaimDeps, tx: Tx, queue: string, queueHandler: QueueHandler, rows: Claimed[]): Promise<AfterCommit[]> {
  const handler = typeof queueHandler === 'function' ? queueHandler : queueHandler.handle;
  const abandon = typeof queueHandler === 'function' ? undefined : queueHandler.abandon;
  const ids = rows.map((r) => r.id);
  const after: AfterCommit[] = [];
  const failed = await handleAll(deps, queue, handler, ids, tx, after);
  const done = ids.filter((id) => !failed.has(id));
  if (done.length > 0) await tx.execute(sql`delete from job_batches where queue = ${queue} and id = any(${idArray(done)}::bigint[])`);
  await giveUp(deps, tx, queue, await retryLater(deps, tx, queue, rows, failed), abandon, after);
  return after;
}

async function runAfterCommit(deps: BatchClaimDeps, queue: string, after: readonly AfterCommit[]): Promise<void> {
  for (const run of after) {
    try {
      await run();
    } catch (error) {
      deps.log(`${queue}: after commit: ${String(error)}`);
    }
  }
}

export function createBatchClaims(deps: BatchClaimDeps) {
  let handling = 0;
  return {
    /** One claim: returns how many ids it took. */
    async claim(queue: string, queueHandler: QueueHandler, size: number): Promise<number> {
      // Counted as handling from the claim until its after-commit work is done, so that whoever
      // waits for idle sees all of its effects.
      let counted = false;
      try {
        const claimed = await deps.db.transaction(async (tx) => {
          const { rows } = await tx.execute<Claimed>(sql`
            select id::text, attempts from job_batches where queue = ${queue} and run_at <= now()
            order by id limit ${size} for update skip locked`);
          if (rows.length === 0) return undefined;
          handling++;
          counted = true;
          return { taken: rows.length, after: await handleClaimed(deps, tx, queue, queueHandler, rows) };
        });
        if (!claimed) return 0;
        await runAfterCommit(deps, queue, claimed.after);
        return claimed.taken;
      } finally {
        if (counted) handling--;
      }
    },
    /** Claims whose work (after-commit work included) is not done yet. */
    handling: (): number => handling,
  };
}
