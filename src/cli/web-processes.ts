// More web processes beside `parley start` (PARLEY_WEB_PROCESSES): one Node process serves HTTP on
// one core, so a server with more cores answers more requests with more processes. They listen on
// the same port (SO_REUSEPORT: the kernel spreads connections among them) and share state through
// Redis and PostgreSQL, like `parley web` processes behind a load balancer. The first process keeps
// the background work. A process that dies is started again.
import { spawn, type ChildProcess } from 'node:child_process';

const RESTART_DELAY_MS = 1_000;
/** Set on the web processes started here: only they stop when the IPC channel closes (a process manager may keep one of its own). */
export const STARTED_BY_FIRST = 'PARLEY_STARTED_BY_FIRST';
/** Within the first process's own 10 s to stop. */
const STOP_GRACE_MS = 5_000;

export function startWebProcesses(count: number, port: number, log: (message: string) => void): { stop(): Promise<void> } {
  const children = new Set<ChildProcess>();
  let stopping = false;

  function launch(n: number): void {
    // The same entry point and Node flags, as a web process on the port the first one took.
    // The IPC channel is how a web process learns that the first one is gone, however it went
    // (see main.ts): a web process must not outlive it.
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'web'], {
      env: { ...process.env, PORT: String(port), [STARTED_BY_FIRST]: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      log(`web process ${n} exited (${signal ?? `code ${code}`}); starting it again`);
      setTimeout(() => !stopping && launch(n), RESTART_DELAY_MS).unref();
    });
  }

  for (let n = 2; n <= count; n++) launch(n);

  return {
    async stop() {
      stopping = true;
      await Promise.all(
        [...children].map(
          (child) =>
            new Promise<void>((resolve) => {
              // One that has not stopped in its time is stopped outright.
              const force = setTimeout(() => {
                log(`a web process did not stop within ${STOP_GRACE_MS / 1000} s: killed`);
                child.kill('SIGKILL');
              }, STOP_GRACE_MS);
              child.once('exit', () => {
                clearTimeout(force);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
