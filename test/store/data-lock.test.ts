// The data folder's lock tells a living Parley from one that is gone, whatever its lock says: a pid
// that no longer runs, a pid another process now has, a lock from before the machine restarted.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { acquireDataLock, LOCK_FILE, processIdentity, type LockHolder } from '../../src/store/data-lock.ts';
import { exitOf } from '../helpers/processes.ts';

describe('the data folder lock', () => {
  const cleanups: (() => void | Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const folder = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  /** A process that runs until the test ends. */
  const living = (): ChildProcess => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    cleanups.push(() => (child.kill('SIGKILL'), exitOf(child)));
    return child;
  };
  const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  const leave = (dir: string, holder: Partial<LockHolder> & { pid: number }) =>
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ role: 'server', startedAt: processIdentity(holder.pid)?.startedAt ?? '1', bootId, token: 'left', ...holder }));

  it('is taken once, refused while held, and taken again once given back', () => {
    const dir = folder();
    const first = acquireDataLock(dir, 'server');
    assert.ok('release' in first);
    const second = acquireDataLock(dir, 'command');
    assert.ok('heldBy' in second);
    assert.equal(second.heldBy.pid, process.pid);
    assert.equal(second.heldBy.role, 'server');
    first.release();
    assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
    const third = acquireDataLock(dir, 'server');
    assert.ok('release' in third);
    third.release();
  });

  it('is refused while the process that wrote it runs', () => {
    const dir = folder();
    const holder = living();
    leave(dir, { pid: holder.pid! });
    const attempt = acquireDataLock(dir, 'server');
    assert.ok('heldBy' in attempt);
    assert.equal(attempt.heldBy.pid, holder.pid);
  });

  const leftBy: [string, (dir: string) => Promise<void> | void][] = [
    [
      'a process that is gone',
      async (dir) => {
        const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
        await exitOf(gone);
        leave(dir, { pid: gone.pid!, startedAt: '1' });
      },
    ],
    [
      'a process whose pid another process now has (started at another time)',
      (dir) => {
        const other = living();
        leave(dir, { pid: other.pid!, startedAt: String(Number(processIdentity(other.pid!)!.startedAt) - 1) });
      },
    ],
    ['a process from before the machine last started', (dir) => leave(dir, { pid: living().pid!, bootId: '00000000-0000-0000-0000-000000000000' })],
  ];
  for (const [who, left] of leftBy) {
    it(`is taken over from ${who}`, async () => {
      const dir = folder();
      await left(dir);
      const lock = acquireDataLock(dir, 'server');
      assert.ok('release' in lock);
      lock.release();
    });
  }
});
