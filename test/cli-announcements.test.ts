// `parley announcements`: the administrator's command, run beside a running server whose users hear
// the announcement on their open streams (the command queues the news; the server's worker sends it).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { call, signUp } from './helpers/http.ts';
import { startParley, type ParleyProcess } from './helpers/processes.ts';
import { EXTERNAL_DB, freshDatabase } from './helpers/server.ts';
import { rawSocket } from './helpers/streaming.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/parley.js');

describe('parley announcements', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let server: ParleyProcess;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-announce-'));
    const db = EXTERNAL_DB ? await freshDatabase(EXTERNAL_DB) : undefined;
    drop = db?.drop;
    env = { ...(process.env as Record<string, string>), PARLEY_DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}) };
    delete env.REDIS_URL;
    server = await startParley(dataDir, db ? { DATABASE_URL: db.url } : {});
  });
  after(async () => {
    await server?.stop();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const parley = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

  it('adds, lists and removes announcements; open user streams hear both, the API shows the active ones', async () => {
    const user = await signUp(server.url, 'listener');
    const socket = await rawSocket(server.url, '?stream=user', [user.token]);
    // The stream listens once it hears its own channel (a filter made and removed tells it).
    const probe = await call(server.url, '/api/v2/filters', { token: user.token, json: { title: 'probe', context: ['home'] } });
    await socket.next((f) => f.event === 'filters_changed', 10_000);
    await call(server.url, `/api/v2/filters/${probe.body.id}`, { method: 'DELETE', token: user.token });

    const added = await parley('announcements', 'add', '--text', 'Welcome to the new server!');
    const id = /Published announcement (\d+)\./.exec(added.stdout)?.[1];
    assert.ok(id, added.stdout);
    const heard = await socket.next((f) => f.event === 'announcement', 20_000);
    assert.equal(JSON.parse(heard.payload!).content, '<p>Welcome to the new server!</p>');

    const future = await parley('announcements', 'add', '--text', 'Party', '--starts-at', '2099-12-24', '--ends-at', '2099-12-26', '--all-day');
    assert.match(future.stdout, /from 2099-12-24T00:00:00\.000Z to 2099-12-26T00:00:00\.000Z/);
    const listed = (await parley('announcements', 'list')).stdout.trim().split('\n');
    assert.equal(listed.length, 2);
    assert.match(listed[0]!, /\t2099-12-24T00:00:00\.000Z\t2099-12-26T00:00:00\.000Z\tall day\tParty$/);
    assert.match(listed[1]!, new RegExp(`^${id}\\t-\\t-\\tWelcome`));
    const shown = (await call(server.url, '/api/v1/announcements', { token: user.token })).body as { id: string }[];
    assert.deepEqual(
      shown.map((a) => a.id),
      [id],
      'the future one waits for its start',
    );

    assert.match((await parley('announcements', 'remove', id)).stdout, new RegExp(`Removed announcement ${id}\\.`));
    const gone = await socket.next((f) => f.event === 'announcement.delete', 20_000);
    assert.equal(gone.payload, id);
    assert.deepEqual((await call(server.url, '/api/v1/announcements', { token: user.token })).body, []);
    socket.ws.close();
  });

  it('refuses bad input with a clear message', async () => {
    await assert.rejects(parley('announcements', 'add'), (e: { code: number; stderr: string }) => e.code === 2 && /--text/.test(e.stderr));
    await assert.rejects(parley('announcements', 'add', '--text', 'x', '--starts-at', 'soon'), (e: { code: number; stderr: string }) => e.code === 2 && /--starts-at/.test(e.stderr));
    await assert.rejects(
      parley('announcements', 'add', '--text', 'x', '--starts-at', '2099-01-02', '--ends-at', '2099-01-01'),
      (e: { code: number; stderr: string }) => e.code === 1 && /Ends at must be after the start/.test(e.stderr),
    );
    await assert.rejects(parley('announcements', 'remove', '12345'), (e: { code: number }) => e.code === 1);
  });
});
