// The data folder's lock: which Parley process owns the embedded PostgreSQL under it. A process
// killed outright leaves its lock (and its PostgreSQL) behind; the next one must tell that lock from
// a living owner's, without trusting a process id alone (ids are reused, and a container's Parley
// is often the same pid every time it starts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A server keeps the folder; a command (migrate, account) only borrows it for a moment. */
export type LockRole = 'server' | 'command';

export interface LockHolder {
  pid: number;
  role: LockRole;
  /** the process's start time in clock ticks since boot (/proc/<pid>/stat), where readable */
  startedAt: string | null;
  /** the machine's boot (a reboot makes every earlier lock stale) */
  bootId: string | null;
  token: string;
}

export interface DataLock {
  holder: LockHolder;
  release(): void;
}

export const LOCK_FILE = 'parley.lock';

function readOr<T>(file: string, parse: (text: string) => T): T | null {
  try {
    return parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function procStat(pid: number): string[] | null {
  return readOr(`/proc/${pid}/stat`, (text) => text.slice(text.lastIndexOf(')') + 2).split(' '));
}

/** Its state letter and start time; null where /proc is not there (then the pid alone is checked). */
export function processIdentity(pid: number): { state: string; startedAt: string } | null {
  const fields = procStat(pid);
  // Field 3 is the state and field 22 the start time; the fields here begin at field 3.
  return fields ? { state: fields[0]!, startedAt: fields[19]! } : null;
}

const bootId = () => readOr('/proc/sys/kernel/random/boot_id', (text) => text.trim());

/** Whether the process exists and has not exited (a zombie has). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processIdentity(pid)?.state !== 'Z';
}

/** Whether the process that wrote the lock still runs (and not another one under its pid). */
export function holderLives(holder: LockHolder): boolean {
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  if (!processRuns(holder.pid)) return false;
  // The same pid started at another time is another process (this one, say, in a container).
  const identity = processIdentity(holder.pid);
  return !holder.startedAt || !identity || identity.startedAt === holder.startedAt;
}

export function readLock(dataDir: string): LockHolder | null {
  return readOr(path.join(dataDir, LOCK_FILE), (text) => JSON.parse(text) as LockHolder);
}

/**
 * Takes the folder's lock, or returns the living process holding it. A lock left by a process
 * that is gone is removed first.
 */
export function acquireDataLock(dataDir: string, role: LockRole): DataLock | { heldBy: LockHolder } {
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, role, startedAt: processIdentity(process.pid)?.startedAt ?? null, bootId: bootId(), token: randomBytes(12).toString('hex') };
  // Written whole under another name, then linked: whoever reads the lock reads all of it, and the
  // link fails if someone else took the lock meanwhile.
  const draft = `${file}.${holder.token}`;
  fs.writeFileSync(draft, JSON.stringify(holder));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(draft, file);
        return { holder, release: () => releaseLock(file, holder.token) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = readLock(dataDir);
      if (current && holderLives(current)) return { heldBy: current };
      removeStale(file, current);
    }
    throw new Error(`Could not take the lock ${file}: it keeps changing`);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/**
 * Removes a stale lock, unless another process replaced it since it was read: it is moved aside
 * first (one process wins the move), then checked.
 */
function removeStale(file: string, stale: LockHolder | null): void {
  const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // gone already: try again
  }
  const moved = readOr(aside, (text) => JSON.parse(text) as LockHolder);
  if (stale && moved && moved.token !== stale.token) {
    // A fresh lock, taken between the read and the move: put it back.
    try {
      fs.linkSync(aside, file);
    } catch {}
  }
  fs.rmSync(aside, { force: true });
}

function releaseLock(file: string, token: string): void {
  const current = readOr(file, (text) => JSON.parse(text) as LockHolder);
  if (current?.token === token) fs.rmSync(file, { force: true });
}
