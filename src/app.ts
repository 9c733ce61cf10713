// createApp(config): the whole server from one config object; no module-level state, so a test can
// run two Parley servers in one process.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Redis } from 'ioredis';
import { createHttpApp } from './api/http.ts';
import type { Config } from './config.ts';
import { createIdGenerator } from './core/ids.ts';
import { createCore, jobHandlers, type Core } from './core/index.ts';
import { createPgFeedStore } from './infra/feeds.ts';
import { createJobs, type Jobs } from './infra/jobs.ts';
import { createRateLimiter } from './infra/rate-limit.ts';
import { connectRedis } from './infra/redis.ts';
import { openDatabase, runMigrations, type Database } from './store/db.ts';

export interface ParleyApp {
  config: Config;
  core: Core;
  database: Database;
  redis: Redis | undefined;
  jobs: Jobs;
  /** handles a Fetch API request; `env` carries @hono/node-server's connection bindings when served */
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  /** listens on config.port (0 picks a free one) and resolves to the URL it serves */
  listen(): Promise<string>;
  stop(): Promise<void>;
}

export interface CreateAppOptions {
  /** run pending migrations before serving (default true) */
  migrate?: boolean;
  /** work on background jobs in this process (default true; `parley web` turns it off) */
  worker?: boolean;
  onProgress?: (message: string) => void;
}

export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<ParleyApp> {
  const log = options.onProgress ?? (() => {});
  log(config.databaseUrl ? 'connecting to PostgreSQL' : `starting embedded PostgreSQL in ${config.dataDir}`);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let redis: Redis | undefined;
  let jobs: Jobs;
  try {
    if (options.migrate !== false) await runMigrations(database, log);
    jobs = await createJobs(database.pool);
    if (config.redisUrl) {
      log('connecting to Redis');
      redis = await connectRedis(config.redisUrl);
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const core = createCore({ db: database.db, ids: createIdGenerator(), config, jobs, feeds: createPgFeedStore(database.db) });
  if (options.worker !== false) await jobs.work(jobHandlers(core));
  const rateLimiter = createRateLimiter({ redis, prefix: config.redisPrefix });
  const http = createHttpApp({ config, core, rateLimiter });
  let server: ServerType | undefined;

  return {
    config,
    core,
    database,
    redis,
    jobs,
    fetch: (request, env) => http.fetch(request, env),
    listen() {
      return new Promise((resolve, reject) => {
        const s = serve({ fetch: http.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
          const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`);
        });
        s.once('error', reject);
        server = s;
      });
    },
    async stop() {
      if (server) {
        const s = server;
        server = undefined;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          // Keep-alive connections would hold close() open; the process is going away.
          (s as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
      await jobs.stop();
      redis?.disconnect();
      await database.close();
    },
  };
}
