// Fan-out counts new statuses on their authors' profiles inside each batch's claim transaction. Two
// batches counting the same authors must take those rows in one order (the account's), or they
// deadlock under load: here a third transaction holds one author's row, and the count is seen
// waiting for it while holding exactly the rows of the authors before it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { call, signUp } from '../helpers/http.ts';
import { batchHandlers } from '../../src/core/index.ts';
import { FANOUT_QUEUE } from '../../src/core/timelines/fanout.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('fan-out counting', () => {
  let server: TestServer;
  let authors: { id: string; statusId: string }[];

  before(async () => {
    server = await startServer();
    const users = [];
    for (const name of ['counta', 'countb', 'countc']) users.push(await signUp(server.url, name));
    // Posted in the reverse order of the accounts: statuses read by id come newest author first.
    authors = [];
    for (const user of users.reverse()) {
      const id = (await call(server.url, '/api/v1/accounts/verify_credentials', { token: user.token })).body.id as string;
      const status = await call(server.url, '/api/v1/statuses', { token: user.token, json: { status: 'hello' } });
      authors.push({ id, statusId: status.body.id as string });
    }
    await server.app.jobs.idle();
    authors.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  });
  after(async () => {
    await server.stop();
  });

  /** Can another transaction lock this author's row now? (It is let go at once.) */
  async function free(client: pg.PoolClient, accountId: string): Promise<boolean> {
    await client.query('begin');
    try {
      await client.query('select 1 from account_stats where account_id = $1 for update nowait', [accountId]);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return false;
      throw error;
    } finally {
      await client.query('rollback');
    }
  }

  for (const held of [0, 1, 2]) {
    it(`takes the authors' rows in account order (the ${['first', 'second', 'third'][held]} one held elsewhere)`, async () => {
      const pool = server.app.database.pool;
      const [holder, prober] = [await pool.connect(), await pool.connect()];
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let counting: Promise<void> = Promise.resolve();
      try {
        await holder.query('begin');
        await holder.query('select 1 from account_stats where account_id = $1 for update', [authors[held]!.id]);
        const ids = authors.map((a) => a.statusId);
        counting = server.app.database.db
          .transaction(async (tx) => {
            // Whatever plan PostgreSQL picks: for three rows it sorts by account anyway; a hashed
            // aggregate, as chosen for large batches, gives them in its own order.
            await tx.execute(sql`set local enable_sort = off`);
            await server.app.core.fanout.statuses(ids, tx);
            await released;
            tx.rollback();
          })
          .catch((error: unknown) => {
            if (!/rollback/i.test(String(error))) throw error;
          });
        await eventually(
          async () => (await pool.query(`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into account_stats%'`)).rowCount,
          10_000,
          'the count to wait for the held row',
        );
        const freeNow = [];
        for (const [i, a] of authors.entries()) if (i !== held) freeNow.push([i, await free(prober, a.id)]);
        assert.deepEqual(
          freeNow,
          authors.flatMap((_, i) => (i === held ? [] : [[i, i > held]])),
          'rows before the held one are taken, the ones after are not yet',
        );
      } finally {
        // Also when an assertion failed: the count must finish before the server stops.
        await holder.query('rollback');
        release();
        await counting;
        holder.release();
        prober.release();
      }
    });
  }

  it('counts a post it gave up delivering, on the profile as it is remembered too', async () => {
    // The fan-out queue's abandon step (core batchHandlers), as the batch queue runs it: in the
    // claim's transaction, then what it returns once that committed.
    const author = authors[0]!;
    const profile = async () => (await call(server.url, `/api/v1/accounts/${author.id}`)).body.statuses_count as number;
    const before = await profile();
    const handler = batchHandlers(server.app.core)[FANOUT_QUEUE];
    const then = await server.app.database.db.transaction(async (tx) => handler.abandon([author.statusId], tx));
    await then?.();
    assert.equal(await profile(), before + 1, 'counted once more, and the remembered profile shows it at once');
  });

  it('counts replies on their parents in the batch, once; a reply deleted before or after it was counted leaves the count right', async () => {
    const [writer, replier] = [await signUp(server.url, 'countparent'), await signUp(server.url, 'countreplier')];
    const root = (await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'Ask me anything' } })).body.id as string;
    const count = async () => (await call(server.url, `/api/v1/statuses/${root}`)).body.replies_count as number;
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => call(server.url, '/api/v1/statuses', { token: replier.token, json: { status: `reply ${i}`, in_reply_to_id: root } })));
    await eventually(async () => (await count()) === 6, 10_000, 'six replies counted');
    await call(server.url, `/api/v1/statuses/${replies[0]!.body.id}`, { method: 'DELETE', token: replier.token });
    assert.equal(await count(), 5, 'a counted reply deleted is uncounted');
    // Replies deleted at once, before or after their batch ran: either way, counted once and uncounted once, or neither.
    for (let i = 0; i < 5; i++) {
      const late = (await call(server.url, '/api/v1/statuses', { token: replier.token, json: { status: `late ${i}`, in_reply_to_id: root } })).body.id as string;
      await call(server.url, `/api/v1/statuses/${late}`, { method: 'DELETE', token: replier.token });
    }
    await server.app.jobs.idle();
    const final = await count();
    assert.ok(final === 5, `replies_count ${final}, expected 5`);
  });
});
