// The database: a pg pool wrapped by Drizzle, on an external server or the embedded one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { LockRole } from './data-lock.ts';
import { openDataFolder } from './data-folder.ts';
import type { EmbeddedDatabase } from './embedded.ts';
import * as schema from './schema/index.ts';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** An open transaction; it can do all a Db can. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * A statement run under a name, so that PostgreSQL parses and plans it once per connection (Drizzle
 * names only the queries its builders prepare, and those cannot join a transaction; planning was a
 * third of the statements' cost on the posting path). Written with placeholders and compiled to SQL
 * text once: each run only fills in the values (building a long statement with Drizzle cost ~100 µs
 * a post). Runs on a Db or inside a transaction.
 */
export function namedStatement<T extends pg.QueryResultRow = Record<string, unknown>>(name: string, query: SQL) {
  let compiled: { sql: string; params: unknown[] } | undefined;
  return (dbOrTx: DbOrTx, values: Record<string, unknown>): Promise<pg.QueryResult<T>> => {
    const { dialect, client } = internals(dbOrTx);
    compiled ??= dialect.sqlToQuery(query);
    return client.query<T>({ name, text: compiled.sql, values: fillPlaceholders(compiled.params, values) });
  };
}

// Drizzle keeps its dialect and connection on fields its types leave out; test/store checks them.
function internals(dbOrTx: DbOrTx): { dialect: PgDialect; client: pg.Pool | pg.PoolClient } {
  const inner = dbOrTx as unknown as { dialect: PgDialect; session: { client: pg.Pool | pg.PoolClient } };
  return { dialect: inner.dialect, client: inner.session.client };
}

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** where it connects */
  url: string;
  /** the embedded PostgreSQL this process runs, if it runs one */
  embedded: EmbeddedDatabase | undefined;
  close(): Promise<void>;
}

/** How long stopping waits for the pool's connections to be given back. */
const POOL_DRAIN_MS = 3000;

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// An arbitrary constant: several processes starting at once take turns migrating.
const MIGRATION_LOCK = 7_362_901;

export interface OpenOptions {
  /** an external PostgreSQL; without it, the data folder's embedded one */
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** a server keeps the data folder to itself; a command uses the PostgreSQL of a server running on it (default server) */
  role?: LockRole;
  log?: (message: string) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const folder = options.databaseUrl ? undefined : await openDataFolder(options.dataDir, options.role ?? 'server', options.log);
  const url = options.databaseUrl ?? folder!.url;
  // JIT compilation off: the fan-out's recipients query is estimated costly enough to be compiled,
  // and compiling took longer than running it (4.1 of its 6.6 s in bench/posting.ts on the
  // machine's PostgreSQL 15). An `options` parameter in DATABASE_URL takes precedence.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 20, options: '-c jit=off' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    await folder?.close();
    throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
  }
  const db = drizzle(pool, { schema });
  return {
    db,
    pool,
    url,
    embedded: folder?.embedded,
    async close() {
      // A connection still held (one a job kept through an outage) must not keep the process from
      // stopping: the pool is given a few seconds to drain, then the process goes on.
      const drained = pool.end();
      const late = await Promise.race([drained.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), POOL_DRAIN_MS).unref())]);
      if (late) console.error(`[database] stopping with ${pool.totalCount - pool.idleCount} connection(s) still in use`);
      await folder?.close();
    },
  };
}

export interface MigrationReport {
  applied: number;
  total: number;
}

/** Applies pending migrations; safe to run from several processes at once. */
export async function runMigrations(database: Database, onProgress?: (message: string) => void): Promise<MigrationReport> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const before = await countApplied(client);
    onProgress?.(`checking migrations (${before} applied)`);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    const after = await countApplied(client);
    onProgress?.(`migrations: ${after - before} applied now, ${after} in all`);
    return { applied: after - before, total: after };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

async function countApplied(client: pg.PoolClient): Promise<number> {
  const exists = await client.query(`select to_regclass('drizzle.__drizzle_migrations') as t`);
  if (!exists.rows[0]?.t) return 0;
  const result = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
  return result.rows[0].n as number;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
