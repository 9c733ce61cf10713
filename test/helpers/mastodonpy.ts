// Mastodon.py (Debian's python3-mastodon, run by /usr/bin/python3: not whatever python is on PATH),
// a third real client beside masto.js and megalodon. The scripts in ./mastodonpy/ drive it and
// print JSON (ids as strings); tests using them skip when Mastodon.py cannot be imported.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';

const PYTHON = '/usr/bin/python3';
const SCRIPTS = path.join(import.meta.dirname, 'mastodonpy');

/** Why the Mastodon.py tests cannot run here (give it to `describe`'s `skip`), or undefined. */
export const mastodonPyMissing: string | undefined = (() => {
  const probe = spawnSync(PYTHON, ['-c', 'import mastodon'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message}): install python3 and python3-mastodon`;
  if (probe.status !== 0) return `${PYTHON} cannot import mastodon (apt-get install python3-mastodon): ${probe.stderr.trim().split('\n').at(-1)}`;
  return undefined;
})();

/** Whom a script acts as. */
export interface PyUser {
  url: string;
  token: string;
}

const envOf = (user: PyUser) => ({ ...process.env, PARLEY_URL: user.url, PARLEY_TOKEN: user.token, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' });
const scriptPath = (script: string) => path.join(SCRIPTS, `${script}.py`);

/** Runs a script to its end and returns the JSON document it printed last. */
export async function runMastodonPy<T = any>(script: string, args: string[], user: PyUser): Promise<T> {
  try {
    const { stdout } = await promisify(execFile)(PYTHON, [scriptPath(script), ...args], { env: envOf(user), maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`Mastodon.py ${script} failed: ${String(error)}\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

export interface PyProcess<T> {
  child: ChildProcess;
  /** the JSON lines printed so far */
  lines: T[];
  /** the first line, printed or to come, that matches; fails if the script ends first */
  next(pred: (line: T) => boolean, ms?: number): Promise<T>;
  /** the exit code, once the script has ended */
  exit: Promise<number | null>;
}

/** Starts a script that prints one JSON document per line, as it goes. */
export function startMastodonPy<T = any>(script: string, args: string[], user: PyUser): PyProcess<T> {
  const child = spawn(PYTHON, [scriptPath(script), ...args], { env: envOf(user), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: T[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(JSON.parse(line) as T);
    wake();
  });
  let ended = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      ended = true;
      wake();
      resolve(code);
    }),
  );
  const next = (pred: (line: T) => boolean, ms = 20_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error(`Mastodon.py ${script}: no matching line in ${ms} ms; printed ${JSON.stringify(lines)}`)), ms);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        waiters.delete(check);
        const found = lines.find(pred);
        if (found !== undefined) resolve(found);
        else reject(error ?? new Error(`Mastodon.py ${script} ended first; printed ${JSON.stringify(lines)}; stderr: ${stderr}`));
      };
      const check = () => {
        if (lines.some(pred) || ended) settle();
      };
      waiters.add(check);
      check();
    });
  return { child, lines, next, exit };
}
