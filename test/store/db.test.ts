// Parley's PostgreSQL connections. JIT compilation is off on each (it cost the fan-out more than it
// saved), on the embedded server as on one given by DATABASE_URL. Named statements reach into
// Drizzle's fields for its dialect and connection: these tests fail if an upgrade moves them, and
// show the statement is parsed once per connection, in a transaction too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { namedStatement } from '../../src/store/db.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('database connections and named statements', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  it('have JIT compilation off, on every connection of the pool', async () => {
    const pool = server.app.database.pool;
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    try {
      for (const client of clients) assert.equal((await client.query('show jit')).rows[0].jit, 'off');
    } finally {
      for (const client of clients) client.release();
    }
  });

  it('runs with its parameters, prepared once per connection, inside a transaction as outside', async () => {
    const db = server.app.database.db;
    const doubled = namedStatement<{ doubled: number }>('test_doubled', sql`select ${sql.placeholder('n')}::int * 2 as doubled`);
    const preparedCount = namedStatement<{ n: number }>('test_prepared_count', sql`select count(*)::int as n from pg_prepared_statements where name = ${sql.placeholder('name')}`);
    const seen = await db.transaction(async (tx) => {
      const out: number[] = [];
      for (const n of [1, 2, 3]) {
        const r = await doubled(tx, { n });
        out.push(r.rows[0]!.doubled);
      }
      const prepared = await preparedCount(tx, { name: 'test_doubled' });
      assert.equal(prepared.rows[0]!.n, 1, 'one prepared statement on the transaction’s connection');
      return out;
    });
    assert.deepEqual(seen, [2, 4, 6]);
    const outside = await doubled(db, { n: 21 });
    assert.equal(outside.rows[0]!.doubled, 42);
  });

  it('rolls back with the transaction it ran in', async () => {
    const db = server.app.database.db;
    await db.execute(sql`create table if not exists named_probe (n int)`);
    await assert.rejects(
      db.transaction(async (tx) => {
        await namedStatement('test_named_probe_insert', sql`insert into named_probe (n) values (${sql.placeholder('n')})`)(tx, { n: 7 });
        throw new Error('abort');
      }),
      /abort/,
    );
    const left = await db.execute<{ n: number }>(sql`select count(*)::int as n from named_probe`);
    assert.equal(left.rows[0]!.n, 0);
    await db.execute(sql`drop table named_probe`);
  });
});
