// Parley's PostgreSQL connections: JIT compilation is off (it cost the fan-out more than it saved),
// on the embedded server as on one given by DATABASE_URL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('database connections', () => {
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
});
