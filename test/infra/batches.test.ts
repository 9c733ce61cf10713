// The batch queue: ids queued by committed transactions are handled, many at a time; a rolled-back
// enqueue never is; a failing id is retried later on its own without holding the others back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createBatches, type Batches } from '../../src/infra/batches.ts';
import { createLocalBus } from '../../src/infra/bus.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('batch queue', () => {
  let server: TestServer;
  const running: Batches[] = [];

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await Promise.all(running.map((b) => b.stop()));
    await server.stop();
  });

  const make = (pollMs?: number, maxAttempts?: number) => {
    const batches = createBatches({ db: server.app.database.db, bus: createLocalBus(), log: () => {}, pollMs, maxAttempts });
    running.push(batches);
    return batches;
  };
  const rows = async (queue: string) =>
    (await server.app.database.pool.query('select id::text, attempts, run_at > now() as later from job_batches where queue = $1 order by id', [queue])).rows as {
      id: string;
      attempts: number;
      later: boolean;
    }[];

  it('handles what committed transactions queued, in batches, and nothing rolled back', async () => {
    const queue = `test-${randomUUID()}`;
    const batches = make();
    const db = server.app.database.db;
    await db.transaction(async (tx) => {
      for (let i = 1; i <= 30; i++) await batches.enqueue(tx, queue, String(i));
    });
    await db
      .transaction(async (tx) => {
        await batches.enqueue(tx, queue, '999');
        throw new Error('roll back');
      })
      .catch(() => {});
    // Queued again in the same statement as a change, as posting does (ids from a query).
    await db.execute(sql`with q as (${batches.enqueueQuery(queue, sql`select id from (values (30::bigint), (31::bigint)) as v(id)`)}) select 1`);
    const calls: string[][] = [];
    await batches.work({ [queue]: async (ids) => void calls.push(ids) }, { size: 20, loops: 1 });
    await eventually(async () => calls.flat().length === 31);
    assert.deepEqual(
      calls.map((c) => c.length),
      [20, 11],
      'two batches of at most 20',
    );
    assert.deepEqual(
      calls.flat().sort((a, b) => Number(a) - Number(b)),
      Array.from({ length: 31 }, (_, i) => String(i + 1)),
    );
    assert.deepEqual(await rows(queue), [], 'done ids leave the table');
  });

  it('wakes sleeping workers when told an id was queued', async () => {
    const queue = `test-${randomUUID()}`;
    // No polling to fall back on: only the wake-up can get the id handled.
    const batches = make(3_600_000);
    const seen: string[] = [];
    await batches.work({ [queue]: async (ids) => void seen.push(...ids) }, { loops: 1 });
    await batches.enqueue(server.app.database.db, queue, '7');
    batches.wake(queue);
    await eventually(async () => seen.length > 0);
    assert.deepEqual(seen, ['7']);
  });

  it('retries a failing id alone, later, while the rest of its batch is done, once', async () => {
    const queue = `test-${randomUUID()}`;
    const batches = make();
    const db = server.app.database.db;
    await db.transaction(async (tx) => {
      for (const id of ['1', '2', '3']) await batches.enqueue(tx, queue, id);
    });
    const done: string[] = [];
    const written = `${queue}-written`;
    await batches.work(
      {
        [queue]: async (ids, tx) => {
          // Written in the claim's transaction before failing: must not survive a failed attempt.
          for (const id of ids) await tx.execute(sql`insert into job_batches (queue, id) values (${written}, ${id})`);
          if (ids.includes('2')) throw new Error('id 2 is bad');
          done.push(...ids);
        },
      },
      { loops: 1 },
    );
    await eventually(async () => (await rows(queue)).length === 1 && (await rows(queue))[0]!.attempts === 1);
    assert.deepEqual(
      (await rows(queue)).map((r) => [r.id, r.attempts, r.later]),
      [['2', 1, true]],
    );
    assert.deepEqual(done.sort(), ['1', '3']);
    assert.deepEqual(
      (await rows(written)).map((r) => r.id),
      ['1', '3'],
      'exactly once: writes of failed attempts rolled back',
    );
    await server.app.database.pool.query('delete from job_batches where queue = $1', [written]);
    assert.equal(await batches.pending(), 0, 'a retry waiting for later is not pending work');
  });

  it('gives an id up after its last attempt, doing what its queue still owes it exactly once', async () => {
    const queue = `test-${randomUUID()}`;
    const owed = `test-${randomUUID()}`;
    const batches = make(50, 1);
    const db = server.app.database.db;
    await db.transaction(async (tx) => {
      for (const id of ['1', '2', '3']) await batches.enqueue(tx, queue, id);
    });
    const afterCommit: string[][] = [];
    await batches.work(
      {
        [queue]: {
          handle: async (ids, tx) => {
            for (const id of ids) await tx.execute(sql`insert into job_batches (queue, id) values (${owed}, ${id})`);
            if (ids.includes('2')) throw new Error('id 2 is bad');
          },
          abandon: async (ids, tx) => {
            for (const id of ids) await tx.execute(sql`insert into job_batches (queue, id) values (${owed}, ${Number(id) + 100})`);
            return async () => void afterCommit.push(ids);
          },
        },
      },
      { loops: 1 },
    );
    await eventually(async () => (await rows(queue)).length === 0 && afterCommit.length === 1);
    assert.deepEqual(afterCommit, [['2']], 'after its commit, once');
    assert.deepEqual(
      (await rows(owed)).map((r) => r.id).sort((a, b) => Number(a) - Number(b)),
      ['1', '3', '102'],
      'the failed attempt rolled back, what was owed written',
    );
    await server.app.database.pool.query('delete from job_batches where queue = $1', [owed]);
  });

  it('drops an id whose owed work fails too, and goes on with the queue', async () => {
    const queue = `test-${randomUUID()}`;
    const batches = make(50, 1);
    const handled: string[] = [];
    await batches.work(
      {
        [queue]: {
          handle: async (ids) => {
            if (ids.includes('7')) throw new Error('id 7 is bad');
            handled.push(...ids);
          },
          abandon: async () => {
            throw new Error('and so is what it owes');
          },
        },
      },
      { loops: 1 },
    );
    await server.app.database.db.transaction(async (tx) => {
      for (const id of ['7', '8']) await batches.enqueue(tx, queue, id);
    });
    batches.wake(queue);
    await eventually(async () => (await rows(queue)).length === 0 && handled.includes('8'));
    await server.app.database.db.transaction(async (tx) => batches.enqueue(tx, queue, '9'));
    batches.wake(queue);
    await eventually(async () => handled.includes('9'));
  });
});
