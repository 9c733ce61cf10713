// Where a benchmark run keeps its data: a database of its own (made on DATABASE_URL's server, or an
// embedded PostgreSQL in a temporary folder) and, with Redis, a key prefix of its own. Both are gone
// when the run ends (bench/run-end.ts), so benchmarks run again and again on the same servers, and
// never meet an earlier run's rows, usernames or feeds.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openDatabase, runMigrations, type Database } from '../src/store/db.ts';
import { undoAtEnd } from './run-end.ts';

/** What a server of the run is given to find its data: DATABASE_URL and, with Redis, its key prefix. */
export interface BenchStore {
  env: Record<string, string>;
}

const runName = () => `parley_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The URL of a new database on the server of `serverUrl`, dropped when the run ends: empty, or a copy of
 * `template` (a database of the same server that nobody else is connected to).
 */
export async function freshDatabase(serverUrl: string, template?: string): Promise<string> {
  const name = runName();
  // Copying a database needs a connection to another one than the copied one.
  const admin = template ? withDatabase(serverUrl, 'postgres') : serverUrl;
  // A file copy: PostgreSQL 15's default copies through the WAL, far slower for gigabytes.
  const version = template ? Number((await onServer(admin, 'show server_version_num')).rows[0].server_version_num) : 0;
  const strategy = version >= 150000 ? ' strategy file_copy' : '';
  await onServer(admin, `create database ${name}${template ? ` template ${pg.escapeIdentifier(template)}${strategy}` : ''}`);
  undoAtEnd(() => onServer(admin, `drop database if exists ${name} with (force)`));
  return withDatabase(serverUrl, name);
}

/** A Redis key prefix for the run, whose keys are deleted when the run ends. */
export function runRedisPrefix(redisUrl: string): string {
  const prefix = `${runName()}:`;
  undoAtEnd(() => forgetKeys(redisUrl, prefix));
  return prefix;
}

/**
 * The run's database, migrated: a new one on DATABASE_URL's server, or an embedded PostgreSQL in a
 * temporary folder; with REDIS_URL, the run's Redis prefix goes with it.
 */
export async function benchDatabase(): Promise<BenchStore & { database: Database; url: string }> {
  const external = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  undoAtEnd(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const database = await openDatabase({ databaseUrl: external, dataDir });
  undoAtEnd(() => database.close());
  await runMigrations(database);
  const url = external ?? (database.pool.options as { connectionString: string }).connectionString;
  const env: Record<string, string> = { DATABASE_URL: url };
  if (process.env.REDIS_URL) env.PARLEY_REDIS_PREFIX = runRedisPrefix(process.env.REDIS_URL);
  return { database, url, env };
}

/** Deletes the keys under a prefix (a run's feeds, rate limits, caches). */
async function forgetKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
}
