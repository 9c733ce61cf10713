// Stopping a server that is answering requests: they are answered, and what they wrote is kept.
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createApp, type ParleyApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/store/db.ts';
import { call, signUp } from './helpers/http.ts';
import { EXTERNAL_DB, EXTERNAL_REDIS, freshDatabase } from './helpers/server.ts';
import { eventually } from './helpers/wait.ts';

/** Whether a new TCP connection to this address is refused (the server stopped listening). */
function refused(address: string): Promise<boolean> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

async function queryOnce(connectionString: string, text: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('stopping while requests are being answered', () => {
  let dataDir: string;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let app: ParleyApp;
  let url: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-stop-'));
    database = EXTERNAL_DB ? await freshDatabase(EXTERNAL_DB) : undefined;
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      PARLEY_DATA_DIR: dataDir,
      PARLEY_RATE_LIMIT_API: '100000/300',
      PARLEY_RATE_LIMIT_SIGN_UP: '100000/1800',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...(EXTERNAL_REDIS ? { REDIS_URL: EXTERNAL_REDIS, PARLEY_REDIS_PREFIX: `parley-test:stop-${process.pid}-${Date.now()}:` } : {}),
    };
    app = await createApp(loadConfig(env));
    url = await app.listen();
  });
  after(async () => {
    await app?.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the posts it was writing, and keeps them', async () => {
    const { token } = await signUp(url, 'stopper');
    const connectionString = database?.url ?? (app.database.pool.options as { connectionString: string }).connectionString;
    // The posts wait on a lock held here, so they are all being answered when the stop begins.
    const holder = new pg.Client({ connectionString });
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table statuses in share mode');
    // Node tells of each request the server receives: the stop must begin once all six have come.
    let received = 0;
    const onRequest = (message: unknown) => {
      const { request } = message as { request: { method?: string; url?: string } };
      if (request.method === 'POST' && request.url === '/api/v1/statuses') received++;
    };
    diagnostics.subscribe('http.server.request.start', onRequest);
    const began = Date.now();
    const posts = Array.from({ length: 6 }, (_, i) =>
      call(url, '/api/v1/statuses', { token, json: { status: `written while stopping ${i}` } }).then(
        (r) => ({ status: r.status, id: (r.body as { id?: string }).id, at: Date.now() - began }),
        (error: Error) => ({ status: 0, id: undefined, error: `${error.message}: ${String((error as { cause?: unknown }).cause)}`, at: Date.now() - began }),
      ),
    );
    // pg_stat_activity is read once a transaction: the holder, inside its own, would see it frozen.
    await eventually(
      async () => {
        const { rows } = await queryOnce(connectionString, `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%insert into statuses%'`);
        return rows.length > 0;
      },
      10_000,
      'a post waiting on the lock',
    );
    await eventually(async () => received === posts.length, 10_000, 'every post received by the server');
    diagnostics.unsubscribe('http.server.request.start', onRequest);
    const stopped = app.stop();
    // The lock is let go only once the stop has closed the listening socket, and waits for the posts.
    await eventually(() => refused(url), 10_000, 'the server no longer listening');
    await holder.query('commit');
    await holder.end();
    await stopped;

    const answers = await Promise.all(posts);
    assert.deepEqual(
      answers.map((a) => a.status),
      answers.map(() => 200),
      JSON.stringify(answers),
    );
    // A new connection is refused once stopped.
    await assert.rejects(fetch(`${url}/api/v1/instance`));

    const reopened = await openDatabase({ databaseUrl: database?.url, dataDir });
    try {
      const ids = answers.map((a) => a.id!);
      const { rows } = await reopened.pool.query<{ id: string }>('select id::text from statuses where id = any($1::bigint[])', [ids]);
      assert.deepEqual(rows.map((r) => r.id).sort(), [...ids].sort());
    } finally {
      await reopened.close();
    }
  });
});
