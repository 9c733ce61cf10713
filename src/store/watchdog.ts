// The embedded PostgreSQL's watchdog: when the server dies under Parley (killed, crashed), it is
// started again a bounded number of times; when it will not start, the owner is told, so that the
// process can exit and a supervisor act. Requests meanwhile get 503 (see infra/unavailable).
import type { EmbeddedDatabase } from './embedded.ts';

export interface WatchdogOptions {
  log: (message: string) => void;
  /** it could not be started again */
  onGiveUp: (error: Error) => void;
  /** the wait before each attempt: their number bounds the attempts */
  delaysMs?: readonly number[];
}

/**
 * Server processes of the dead one still attached to its shared memory stop a new start until they
 * have noticed and exited (usually within the first second). With the attempts' own time, Parley
 * serves again or exits within about 8 s.
 */
const DELAYS_MS = [100, 400, 1000, 1500, 2000];

export function watchEmbedded(embedded: EmbeddedDatabase, options: WatchdogOptions): { stop(): void } {
  const delays = options.delaysMs ?? DELAYS_MS;
  let stopped = false;

  async function restart(how: string): Promise<void> {
    options.log(`the embedded PostgreSQL stopped (${how}); starting it again`);
    let last: Error | undefined;
    for (const [i, delay] of delays.entries()) {
      await new Promise((r) => setTimeout(r, delay));
      if (stopped) return;
      try {
        await embedded.restart();
        options.log(`the embedded PostgreSQL is running again (attempt ${i + 1})`);
        return;
      } catch (error) {
        last = error as Error;
        options.log(`attempt ${i + 1} of ${delays.length} to start the embedded PostgreSQL failed: ${summary(last.message)}`);
      }
    }
    if (!stopped) options.onGiveUp(new Error(`the embedded PostgreSQL could not be started again after ${delays.length} attempts: ${last?.message}`));
  }

  embedded.onUnexpectedExit((how) => void restart(how));
  return {
    stop() {
      stopped = true;
    },
  };
}

/** PostgreSQL's reason when it gave one (its output follows the message), else the first line. */
function summary(text: string): string {
  const lines = text.split('\n');
  const fatal = lines.findLast((line) => line.includes('FATAL:'));
  return fatal ? fatal.slice(fatal.indexOf('FATAL:')).trim() : lines[0]!;
}
