// Starts a real Parley server for a test: real HTTP on loopback, a real PostgreSQL (embedded by
// default, or a fresh database on PARLEY_TEST_DATABASE_URL), Redis when PARLEY_TEST_REDIS_URL is set.
// Every JSON response is validated against the Mastodon OpenAPI description.
import fs from 'node:fs';
import https from 'node:https';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import pg from 'pg';
import { createApp, type ParleyApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/store/db.ts';
import { loadConformance } from './conformance.ts';
import { startReverseProxy, type ReverseProxy } from './reverse-proxy.ts';
import type { TestTls } from './tls.ts';

export interface TestServer {
  url: string;
  app: ParleyApp;
  /** conformance problems seen so far */
  problems: string[];
  /** environment the server was configured with (for CLI tests sharing its database) */
  env: Record<string, string>;
  /** the TLS-terminating proxy in front of it (StartOptions.proxy); a stop with keepData leaves it running */
  proxy?: ReverseProxy;
  /** `keepData`: leave the database and data folder for a restart (startServer's `restartOf`) */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export const EXTERNAL_DB = process.env.PARLEY_TEST_DATABASE_URL;
export const EXTERNAL_REDIS = process.env.PARLEY_TEST_REDIS_URL;

export async function freshDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(baseUrl, url.toString()) };
}

/**
 * A database for Parley processes a test starts with DATABASE_URL: a fresh one on
 * PARLEY_TEST_DATABASE_URL, or else an embedded PostgreSQL run by the test.
 */
export async function sharedDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  if (EXTERNAL_DB) {
    const db = await freshDatabase(EXTERNAL_DB);
    return { url: db.url, close: db.drop };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-shared-'));
  const database = await openDatabase({ dataDir });
  return {
    url: database.url,
    async close() {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function dropDatabase(baseUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}

const GENEROUS_LIMITS = {
  PARLEY_RATE_LIMIT_API: '100000/300',
  PARLEY_RATE_LIMIT_SIGN_UP: '100000/1800',
  PARLEY_RATE_LIMIT_SIGN_IN: '100000/300',
  PARLEY_RATE_LIMIT_TOKEN: '100000/300',
};

export interface StartOptions {
  /** serve https://localhost:PORT with this certificate (see tls.ts) instead of http://127.0.0.1:PORT */
  tls?: TestTls;
  /**
   * with `tls`: serve plain HTTP behind a TLS-terminating reverse proxy at https://localhost:PORT,
   * as deployed (see reverse-proxy.ts), instead of serving TLS itself
   */
  proxy?: boolean | ReverseProxy['kind'];
  /** start again a server stopped with keepData: same port, origin, database and data folder */
  restartOf?: TestServer;
  /** run background jobs in this process (default true; false is a `parley web` process) */
  worker?: boolean;
  /** sees every request before the server does (to count deliveries, say) */
  onRequest?: (request: Request) => void;
  /** receives the server's log lines (standard error otherwise) */
  logSink?: (line: string) => void;
}

export async function startServer(overrides: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  const conformance = loadConformance();
  const problems: string[] = [];
  // Listen first, so the port is ours before anything else (such as the embedded PostgreSQL) picks one.
  let handle: (request: Request, bindings: unknown) => Promise<Response> = async () => new Response('starting', { status: 503 });
  const wantedPort = options.restartOf ? Number(options.restartOf.env.PORT) : 0;
  const server: ServerType = await new Promise((resolve) => {
    const fetch = (request: Request, bindings: unknown) => handle(request, bindings);
    const s =
      options.tls && !options.proxy
        ? serve({ hostname: '127.0.0.1', port: wantedPort, fetch, createServer: https.createServer, serverOptions: { key: options.tls.key, cert: options.tls.cert } }, () => resolve(s))
        : serve({ hostname: '127.0.0.1', port: wantedPort, fetch }, () => resolve(s));
  });
  const port = (server.address() as net.AddressInfo).port;
  const proxy =
    options.proxy && options.tls
      ? (options.restartOf?.proxy ?? (await startReverseProxy({ tls: options.tls, upstreamPort: port, ...(typeof options.proxy === 'string' ? { kind: options.proxy } : {}) })))
      : undefined;
  const origin = proxy ? proxy.origin : options.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  const previous = options.restartOf?.env;
  const dataDir = previous?.PARLEY_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
  const database = previous?.DATABASE_URL
    ? { url: previous.DATABASE_URL, drop: () => dropDatabase(EXTERNAL_DB!, previous.DATABASE_URL!) }
    : EXTERNAL_DB && !overrides.DATABASE_URL
      ? await freshDatabase(EXTERNAL_DB)
      : undefined;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PARLEY_ORIGIN: origin,
    PARLEY_DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(EXTERNAL_REDIS ? { REDIS_URL: EXTERNAL_REDIS, PARLEY_REDIS_PREFIX: `parley-test:${randomUUID()}:` } : {}),
    ...GENEROUS_LIMITS,
    ...overrides,
    ...(previous?.PARLEY_REDIS_PREFIX ? { PARLEY_REDIS_PREFIX: previous.PARLEY_REDIS_PREFIX } : {}),
  };
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  let app: ParleyApp;
  try {
    app = await createApp(loadConfig(env), { worker: options.worker ?? true, ...(options.logSink ? { logSink: options.logSink } : {}) });
  } catch (error) {
    await closeServer();
    await proxy?.stop();
    await database?.drop();
    throw error;
  }
  const detachStreaming = app.attachStreaming(server as unknown as import('node:http').Server);
  handle = async (request, bindings) => {
    options.onRequest?.(request);
    const response = await app.fetch(request, bindings);
    if (conformance.available && (response.headers.get('content-type') ?? '').includes('application/json')) {
      const body = await response
        .clone()
        .json()
        .catch(() => undefined);
      problems.push(...conformance.check(request.method, new URL(request.url).pathname, response.status, body));
    }
    return response;
  };

  return {
    url: origin,
    app,
    problems,
    env,
    ...(proxy ? { proxy } : {}),
    async stop(stopOptions = {}) {
      await detachStreaming();
      await closeServer();
      await app.stop();
      if (stopOptions.keepData) return;
      await proxy?.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
