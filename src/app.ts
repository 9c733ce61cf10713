// createApp(config): the whole server from one config object; no module-level state, so a test can
// run two Parley servers in one process.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import type { Redis } from 'ioredis';
import { createHttpApp, type HttpApp } from './api/http.ts';
import { type InFlight, watchInFlight } from './api/in-flight.ts';
import type { Config } from './config.ts';
import { createIdGenerator } from './core/ids.ts';
import { createFederationDoor, federationUserAgent, type FederationJobPayloads } from './federation/index.ts';
import { batchHandlers, createCore, jobHandlers, type Core } from './core/index.ts';
import type { JobPayloads } from './core/jobs.ts';
import { createLocalBus, createRedisBus, type Bus } from './infra/bus.ts';
import { createPgFeedStore, createRedisFeedStore } from './infra/feeds.ts';
import { createHealthCheck } from './infra/health.ts';
import { createJobs, type Jobs } from './infra/jobs.ts';
import { createLog, type LogSink } from './infra/log.ts';
import { createRateLimiter } from './infra/rate-limit.ts';
import { createMediaStorage, mediaPools } from './infra/media-storage.ts';
import { sweepUploads } from './api/upload-body.ts';
import { createRemoteFiles } from './infra/remote-files.ts';
import { connectRedis } from './infra/redis.ts';
import { openDatabase, runMigrations, type Database } from './store/db.ts';
import { watchEmbedded } from './store/watchdog.ts';
import { createLibreTranslate } from './infra/translator.ts';

export interface ParleyApp {
  config: Config;
  core: Core;
  database: Database;
  redis: Redis | undefined;
  jobs: Jobs<AppJobPayloads>;
  bus: Bus;
  /** handles a Fetch API request; `env` carries @hono/node-server's connection bindings when served */
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  /** listens on config.port (0 picks a free one) and resolves to the URL it serves */
  listen(): Promise<string>;
  /** open streaming connections and the bus channels they listen on, in this process */
  streamingStats(): { connections: number; channels: number };
  /** serves the streaming WebSockets on a server the caller made (listen() does this itself) */
  attachStreaming(server: Server): () => Promise<void>;
  stop(): Promise<void>;
}

/** Every job the process may run: the core's and the federation door's. */
type AppJobPayloads = JobPayloads & FederationJobPayloads;

/** How long stopping waits for requests being answered: well within main's 10 s to stop. */
const STOP_GRACE_MS = 4000;

export interface CreateAppOptions {
  /** run pending migrations before serving (default true) */
  migrate?: boolean;
  /** work on background jobs in this process (default true; `parley web` turns it off) */
  worker?: boolean;
  onProgress?: (message: string) => void;
  /** where log lines go (standard error by default) */
  logSink?: LogSink;
  /**
   * A command (parley account) rather than a server: on a data folder a server runs on, it uses that
   * server's embedded PostgreSQL instead of being refused.
   */
  command?: boolean;
  /** The embedded PostgreSQL died and could not be started again (main exits, for a supervisor to act). */
  onDatabaseLost?: (error: Error) => void;
}

export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<ParleyApp> {
  const log = options.onProgress ?? (() => {});
  const { database, redis, feedWriter, bus, jobs } = await openConnections(config, options, log);
  // Home feeds: the home_feeds table in one process, Redis sorted sets when processes share Redis.
  const feeds = redis ? createRedisFeedStore(redis, config.redisPrefix, database.db, { writer: feedWriter }) : createPgFeedStore(database.db);
  // Other servers' files (previews of their pictures) are fetched as federation fetches, with its guards.
  const fetchRemoteFile = createRemoteFiles({ allowPrivateAddress: config.federation.allowPrivateAddress, userAgent: federationUserAgent(config.origin) });
  const translator = config.translation.url ? createLibreTranslate({ url: config.translation.url, apiKey: config.translation.apiKey }) : null;
  const core = createCore({ db: database.db, ids: createIdGenerator(), config, jobs, feeds, bus, mediaStorage: createMediaStorage(config.media), fetchRemoteFile, translator });
  const lines = createLog(config.logLevel, options.logSink);
  const federation = createFederationDoor({ core, db: database.db, jobs, config, redis, log: lines.area('federation') });
  const stopQueue = new AbortController();
  if (options.worker !== false) {
    await jobs.work({ ...jobHandlers(core), ...federation.jobHandlers }, { concurrency: config.jobConcurrency, batches: batchHandlers(core), pools: mediaPools(config) });
    await core.media.cleanup.schedule();
    await core.trends.scoring.schedule();
    await core.tags.prune.schedule();
    void federation.startQueue(stopQueue.signal);
  }
  const rateLimiter = createRateLimiter({ redis, prefix: config.redisPrefix });
  const health = createHealthCheck({ databaseUrl: database.url, redis });
  const watchdog = database.embedded
    ? watchEmbedded(database.embedded, {
        log: (m) => lines.area('database').warn(m),
        onGiveUp: options.onDatabaseLost ?? ((error) => lines.area('database').error(error.message)),
      })
    : undefined;
  const http = createHttpApp({
    config,
    core,
    rateLimiter,
    bus,
    health: health.check,
    federation: { middleware: federation.middleware, paths: federation.paths },
    resolveRemote: federation.resolve,
  });
  const serving = createServing(config, http);
  // Parts a process killed mid-upload left (an hour gives any upload still arriving time to end).
  if (!options.command) void sweepUploads(config.media.uploadDir);
  let stopping: Promise<void> | undefined;

  return {
    config,
    core,
    database,
    redis,
    jobs,
    bus,
    fetch: (request, env) => http.app.fetch(request, env),
    streamingStats: () => http.hub.stats(),
    attachStreaming: serving.attachStreaming,
    listen: serving.listen,
    stop() {
      // Stopping twice (a signal during shutdown, a test's after hook) waits for the one stop.
      stopping ??= stopOnce();
      return stopping;
    },
  };

  async function stopOnce(): Promise<void> {
    await serving.close();
    stopQueue.abort();
    await jobs.stop();
    core.media.stop();
    // Vote counts waiting for their window reach the screens before the bus closes.
    await core.events.flushLive().catch(() => {});
    await bus.close();
    redis?.disconnect();
    feedWriter?.disconnect();
    watchdog?.stop();
    await health.close();
    await database.close();
  }
}

/** The database (migrated unless told not to), Redis when configured, the bus and the jobs; what was opened is closed again if one fails. */
async function openConnections(config: Config, options: CreateAppOptions, log: (message: string) => void) {
  log(config.databaseUrl ? 'connecting to PostgreSQL' : `opening the embedded PostgreSQL in ${config.dataDir}`);
  // Room for the job worker's connections beside the web requests'.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 12 + config.jobConcurrency + config.media.imageConcurrency + config.media.videoConcurrency,
    role: options.command ? 'command' : 'server',
    log,
  });
  let redis: Redis | undefined;
  /** fan-out's feed writes, apart from the requests' commands (see createRedisFeedStore) */
  let feedWriter: Redis | undefined;
  try {
    if (options.migrate !== false) await runMigrations(database, log);
    if (config.redisUrl) {
      log('connecting to Redis');
      redis = await connectRedis(config.redisUrl);
      feedWriter = await connectRedis(config.redisUrl);
    }
    // One process: events stay in memory. With Redis, every process hears every other's events.
    const bus: Bus = redis ? await createRedisBus(redis, config.redisPrefix) : createLocalBus();
    const jobs: Jobs<AppJobPayloads> = await createJobs(database.db, bus);
    return { database, redis, feedWriter, bus, jobs };
  } catch (error) {
    redis?.disconnect();
    feedWriter?.disconnect();
    await database.close();
    throw error;
  }
}

/** The HTTP server once listening (or the caller's, for streaming only), and how it stops. */
function createServing(config: Config, http: HttpApp) {
  let server: ServerType | undefined;
  let inFlight: InFlight | undefined;
  let detachStreaming: (() => Promise<void>) | undefined;
  return {
    attachStreaming(target: Server): () => Promise<void> {
      const detach = http.attachStreaming(target);
      detachStreaming = detach;
      return detach;
    },
    listen(): Promise<string> {
      return new Promise((resolve, reject) => {
        const s = createAdaptorServer({ fetch: http.app.fetch, hostname: config.host });
        inFlight = watchInFlight(s as Server);
        // Several web processes share the port (PARLEY_WEB_PROCESSES): the kernel spreads connections.
        s.listen({ port: config.port, host: config.host, reusePort: config.webProcesses > 1 }, () => {
          const info = s.address() as AddressInfo;
          const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`);
        });
        s.once('error', reject);
        server = s;
        detachStreaming = http.attachStreaming(s as Server);
      });
    },
    /** Streams first, then requests being answered, then the server. */
    async close(): Promise<void> {
      await detachStreaming?.();
      await http.hub.close();
      if (!server) return;
      const s = server;
      server = undefined;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      // Requests being answered finish first (a post half-written when the database closes is
      // the client's loss); idle keep-alive connections are closed at once, and whatever a
      // client still sends after STOP_GRACE_MS is cut off.
      const nodeServer = s as Server;
      nodeServer.closeIdleConnections();
      await inFlight?.settled(STOP_GRACE_MS);
      nodeServer.closeAllConnections();
      await closed;
    },
  };
}
