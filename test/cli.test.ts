// The `parley` command line, run as a separate process the way an administrator runs it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { call } from './helpers/http.ts';
import { startParley } from './helpers/processes.ts';
import { EXTERNAL_DB, freshDatabase, startServer } from './helpers/server.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/parley.js');

describe('parley command line', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
    const db = EXTERNAL_DB ? await freshDatabase(EXTERNAL_DB) : undefined;
    drop = db?.drop;
    env = { ...(process.env as Record<string, string>), PARLEY_DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}) };
    delete env.REDIS_URL;
  });
  after(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const parley = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

  it('starts under an older Node by handing over to the pinned Node 24', async (t) => {
    if (!fs.existsSync('/usr/bin/node')) return t.skip('no system Node to try');
    const { stdout } = await run('/usr/bin/node', [BIN, 'version'], { env });
    assert.match(stdout.trim(), /^\d+\.\d+\.\d+$/);
  });

  it('migrates and reports progress', async () => {
    const { stderr } = await parley('migrate');
    assert.match(stderr, /database up to date: \d+ migration\(s\) applied, \d+ in all/);
    const again = await parley('migrate');
    assert.match(again.stderr, /0 migration\(s\) applied/);
  });

  it('refuses a bad configuration with a clear message', async () => {
    await assert.rejects(run(process.execPath, [BIN, 'migrate'], { env: { ...env, PORT: 'eighty', PARLEY_REGISTRATIONS: 'maybe' } }), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /Invalid configuration/);
      assert.match(e.stderr, /PORT/);
      assert.match(e.stderr, /PARLEY_REGISTRATIONS/);
      return true;
    });
  });

  it('creates, suspends, unsuspends and resets the password of an account', async () => {
    const created = await parley('account', 'create', 'amal', '--email', 'amal@example.com', '--role', 'admin');
    assert.match(created.stdout, /Created @amal \(id \d+, role admin\)/);
    const password = /Password: (\S+)/.exec(created.stdout)?.[1];
    assert.ok(password, 'a generated password is shown once');

    await assert.rejects(parley('account', 'create', 'amal', '--email', 'other@example.com'), (e: { stderr: string }) => /Username has already been taken|username/i.test(e.stderr));
    await assert.rejects(parley('account', 'suspend', 'nobody'), (e: { code: number; stderr: string }) => e.code === 2 && /No local account named nobody/.test(e.stderr));

    const suspended = await parley('account', 'suspend', 'amal');
    assert.match(suspended.stdout, /Suspended @amal/);

    const passwordGrant = async (pw: string) => {
      const server = await startServer({ PARLEY_DATA_DIR: dataDir, ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}) });
      try {
        const app = await call(server.url, '/api/v1/apps', { json: { client_name: 'cli', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' } });
        return await call(server.url, '/oauth/token', {
          form: { grant_type: 'password', client_id: app.body.client_id, client_secret: app.body.client_secret, username: 'amal', password: pw },
        });
      } finally {
        await server.stop();
      }
    };
    assert.equal((await passwordGrant(password)).status, 400, 'a suspended account gets no token');

    await parley('account', 'unsuspend', 'amal');
    const reset = await parley('account', 'reset-password', 'amal', '--password', 'brand new password');
    assert.match(reset.stdout, /New password set for @amal/);
    assert.equal((await passwordGrant(password)).status, 400, 'the old password no longer works');
    const ok = await passwordGrant('brand new password');
    assert.equal(ok.status, 200);
  });

  it('creates an account and migrates beside a running server, which then signs the account in', async () => {
    // The server as an administrator runs it; on the embedded PostgreSQL, the commands use its database.
    const server = await startParley(dataDir, env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {});
    try {
      const created = await parley('account', 'create', 'beside', '--email', 'beside@example.com', '--password', 'made while serving', '--role', 'admin');
      assert.match(created.stdout, /Created @beside \(id \d+, role admin\)/);
      const migrated = await parley('migrate');
      assert.match(migrated.stderr, /0 migration\(s\) applied/);

      const app = await call(server.url, '/api/v1/apps', { json: { client_name: 'cli', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read' } });
      const token = await call(server.url, '/oauth/token', {
        form: { grant_type: 'password', client_id: app.body.client_id, client_secret: app.body.client_secret, username: 'beside', password: 'made while serving', scope: 'read' },
      });
      assert.equal(token.status, 200);
      const me = await call(server.url, '/api/v1/accounts/verify_credentials', { token: token.body.access_token });
      assert.equal(me.body.username, 'beside');
      assert.equal(server.child.exitCode, null, 'the server kept running');
    } finally {
      await server.stop();
    }
  });
});
