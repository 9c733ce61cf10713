// Requests still being answered: stopping waits for them before it closes the database under them
// (a handler cut off there failed with "Cannot use a pool after calling end on the pool", its
// client left not knowing whether its post was written).
import type { Server } from 'node:http';

export interface InFlight {
  /** Resolves once every request has been answered (true), or after `ms` (false). */
  settled(ms: number): Promise<boolean>;
}

/**
 * Counts the server's requests from their arrival to their answer's last byte (the response's
 * `close`): counting the handler's promise instead let a stop cut the connection between the
 * handler's answer and its writing.
 */
export function watchInFlight(server: Server): InFlight {
  let count = 0;
  let waiting: (() => void)[] = [];
  const done = () => {
    if (--count === 0) for (const wake of waiting.splice(0)) wake();
  };
  server.on('request', (_request, response) => {
    count++;
    response.once('close', done);
  });
  return {
    settled(ms) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiting = waiting.filter((w) => w !== wake);
          resolve(false);
        }, ms);
        waiting.push(wake);
      });
    },
  };
}
