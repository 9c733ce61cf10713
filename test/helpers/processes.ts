// Parley as an administrator runs it: `node src/main.ts start` (or another command) in a process of
// its own, for tests of what happens to processes (exits, restarts, kills). And the /proc look-ups
// those tests make.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once `url` answers 2xx; fails once `alive` says the server is gone, or after 90 s (a
 * first start, with initdb, has taken 30 s on a loaded 2-core machine).
 */
export async function ready(url: string, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!alive()) throw new Error(`the server for ${url} exited before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How the process ended, once it has. */
export function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export interface ParleyProcess {
  url: string;
  child: ChildProcess;
  /** what it has written to stdout and stderr so far */
  output(): string;
  exited: Promise<Exit>;
  /** SIGTERM, and waits for it to end */
  stop(): Promise<Exit>;
}

/**
 * The environment of a Parley process on `dataDir`: loopback, generous limits, and none of the
 * DATABASE_URL or REDIS_URL of the test's own environment unless given in `env`.
 */
export function parleyEnv(dataDir: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.DATABASE_URL;
  delete base.REDIS_URL;
  return {
    ...base,
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_RATE_LIMIT_API: '100000/300',
    PARLEY_RATE_LIMIT_SIGN_UP: '100000/300',
    PARLEY_RATE_LIMIT_SIGN_IN: '100000/300',
    PARLEY_RATE_LIMIT_TOKEN: '100000/300',
    ...env,
  };
}

/** Runs `parley <args>` and returns at once; the process may exit (a refusal) or serve. */
export function spawnParley(dataDir: string, env: Record<string, string> = {}, args: string[] = ['start']): { child: ChildProcess; output(): string; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [MAIN, ...args], { env: parleyEnv(dataDir, env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return { child, output: () => output, exited: exitOf(child) };
}

/** `parley start` on `dataDir`, once it serves. */
export async function startParley(dataDir: string, env: Record<string, string> = {}): Promise<ParleyProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = spawnParley(dataDir, { PORT: String(port), PARLEY_ORIGIN: url, ...env });
  const { child } = started;
  try {
    await ready(`${url}/api/v1/instance`, () => child.exitCode === null && child.signalCode === null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}:\n${started.output()}`);
  }
  return {
    ...started,
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return started.exited;
    },
  };
}

/** A process's state and start time (clock ticks after boot), or undefined once it is gone. */
export function processStat(pid: number): { state: string; started: string } | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { state: fields[0]!, started: fields[19]! };
  } catch {
    return undefined;
  }
}

/** Whether it runs (not gone, not a zombie nobody reaped). */
export function runs(pid: number): boolean {
  const stat = processStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

export function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The pid of the embedded PostgreSQL running on the data folder (from its postmaster.pid). */
export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}
