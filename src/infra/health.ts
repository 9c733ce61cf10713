// Is Parley able to serve? Each part it cannot work without is asked something cheap, with a
// short timeout: PostgreSQL `select 1` on a connection of its own (a pool busy with requests must
// not read as a dead database), Redis a PING when it is configured.
import pg from 'pg';
import type { Redis } from 'ioredis';
import { memo } from './memo.ts';

export type PartHealth = 'ok' | 'down';

export interface HealthReport {
  healthy: boolean;
  parts: { database: PartHealth; redis?: PartHealth };
}

export interface HealthCheck {
  check(): Promise<HealthReport>;
  close(): Promise<void>;
}

const TIMEOUT_MS = 2000;
/** A report serves the checks asked within this time: a busy monitor costs the database nothing more. */
const REUSE_MS = 1000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function createHealthCheck(deps: { databaseUrl: string; redis?: Redis; timeoutMs?: number }): HealthCheck {
  const timeoutMs = deps.timeoutMs ?? TIMEOUT_MS;
  let client: Promise<pg.Client> | undefined;
  let closed = false;

  const connect = async () => {
    const c = new pg.Client({ connectionString: deps.databaseUrl, connectionTimeoutMillis: timeoutMs });
    c.on('error', () => {}); // a lost connection is noticed by the next check
    await c.connect();
    return c;
  };

  async function database(): Promise<PartHealth> {
    if (closed) return 'down';
    client ??= connect();
    const used = client;
    try {
      await within(
        used.then((c) => c.query('select 1')),
        timeoutMs,
      );
      return 'ok';
    } catch {
      // The next check starts from a new connection.
      if (client === used) client = undefined;
      void used.then((c) => c.end()).catch(() => {});
      return 'down';
    }
  }

  async function redis(r: Redis): Promise<PartHealth> {
    try {
      await within(r.ping(), timeoutMs);
      return 'ok';
    } catch {
      return 'down';
    }
  }

  const check = memo(REUSE_MS, async (): Promise<HealthReport> => {
    const [db, cache] = await Promise.all([database(), deps.redis ? redis(deps.redis) : undefined]);
    const parts: HealthReport['parts'] = cache ? { database: db, redis: cache } : { database: db };
    return { healthy: Object.values(parts).every((p) => p === 'ok'), parts };
  });

  return {
    check,
    async close() {
      closed = true;
      await client?.then((c) => c.end()).catch(() => {});
    },
  };
}
