// What PostgreSQL's postmaster.pid says about the server running on a folder (its pid, its port,
// whether it is ready), and stopping one that its Parley left running when it was killed.
import fs from 'node:fs';
import path from 'node:path';
import { processRuns } from './data-lock.ts';

export interface Postmaster {
  pid: number;
  port: number;
  /** accepting connections (not starting up or shutting down) */
  ready: boolean;
}

/** postmaster.pid's lines: pid, folder, start time, port, socket folder, address, shared memory key, status. */
export function readPostmaster(dir: string): Postmaster | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, port, ready: lines[7]?.trim() === 'ready' };
}

/** Whether the process is a PostgreSQL server on this folder: its command line names the folder. */
function servesFolder(pid: number, dir: string): boolean {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    // No /proc (not Linux): a running process under the recorded pid is taken for it.
    return processRuns(pid);
  }
  return args.some((arg) => arg && path.resolve(arg) === path.resolve(dir));
}

function parentOf(pid: number): number | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The processes whose parent is `pid` (a postmaster's server processes). */
function childrenOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return entries.map(Number).filter((child) => parentOf(child) === pid);
}

/**
 * Whether a Node process still runs it: the Parley that started it is its parent until it dies
 * (then init or a supervisor adopts it). Such a one is not left behind, even with no lock file.
 */
function runByNode(pid: number): number | null {
  const parent = parentOf(pid);
  if (!parent || parent === 1) return null;
  try {
    return path.basename(fs.readlinkSync(`/proc/${parent}/exe`)).startsWith('node') ? parent : null;
  } catch {
    return null;
  }
}

async function gone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  // Not Parley's children: there is no event for their exit, only asking.
  while (pids.some(processRuns)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {}
  }
}

/**
 * Stops the PostgreSQL server left running on `dir` by a Parley that is gone: a fast shutdown, then
 * an immediate one, then SIGKILL, each given its time; its server processes are waited for too (one
 * still attached to the shared memory would stop the next start). A postmaster.pid naming no such
 * server (a reused pid) is removed.
 */
export async function stopOrphanedPostmaster(dir: string, log: (message: string) => void): Promise<void> {
  const found = readPostmaster(dir);
  if (!found) return;
  if (!processRuns(found.pid) || !servesFolder(found.pid, dir)) {
    // PostgreSQL removes a stale file itself, but not one whose pid another process now has.
    fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
    return;
  }
  const owner = runByNode(found.pid);
  if (owner) throw new Error(`The embedded PostgreSQL in ${dir} (pid ${found.pid}) is run by process ${owner}, which is still running: stop that one first.`);
  log(`stopping the embedded PostgreSQL (pid ${found.pid}) left running by a Parley that is gone`);
  const children = childrenOf(found.pid);
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', 10_000], // fast shutdown: ends sessions, writes a checkpoint
    ['SIGQUIT', 3_000], // immediate shutdown: recovery on the next start
    ['SIGKILL', 3_000],
  ];
  for (const [name, ms] of steps) {
    signal([found.pid], name);
    if (await gone([found.pid], ms)) break;
  }
  if (processRuns(found.pid)) throw new Error(`The embedded PostgreSQL in ${dir} (pid ${found.pid}) was left running and does not stop`);
  if (!(await gone(children, 3_000))) signal(children, 'SIGKILL');
  await gone(children, 3_000);
  // Left behind by a postmaster killed outright; PostgreSQL would take it for a running server while
  // the dead one is a zombie nobody has reaped.
  if (readPostmaster(dir)?.pid === found.pid) fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
}
