// The embedded PostgreSQL of a data folder, for a server or a command: one Parley process owns it
// (the folder's lock). What a killed Parley left running is stopped; a command run beside a serving
// Parley uses that Parley's PostgreSQL; a second server on the folder is refused.
import fs from 'node:fs';
import path from 'node:path';
import { acquireDataLock, holderLives, processRuns, readLock, type LockHolder, type LockRole } from './data-lock.ts';
import { embeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.ts';
import { readPostmaster, stopOrphanedPostmaster } from './postmaster.ts';

export interface DataFolderDatabase {
  url: string;
  /** the PostgreSQL this process started (absent when it uses another Parley's) */
  embedded?: EmbeddedDatabase;
  /** stops what this process started and gives the folder back */
  close(): Promise<void>;
}

/** How long a command waits for another one to finish, or for a starting server's PostgreSQL. */
const WAIT_MS = 60_000;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describe(holder: LockHolder): string {
  return holder.role === 'server' ? `a Parley server (pid ${holder.pid})` : `a parley command (pid ${holder.pid})`;
}

export async function openDataFolder(dataDir: string, role: LockRole, log: (message: string) => void = () => {}): Promise<DataFolderDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  let waited = false;
  for (;;) {
    const lock = acquireDataLock(dataDir, role);
    if ('release' in lock) {
      try {
        return await startOwn(dataDir, log, lock.release);
      } catch (error) {
        lock.release();
        throw error;
      }
    }
    const holder = lock.heldBy;
    if (holder.role === 'server') {
      if (role === 'server') {
        throw new Error(
          `${describe(holder)} is already serving from the data folder ${dataDir}. Stop it first, or give this one another PARLEY_DATA_DIR (commands such as parley account and parley migrate can run beside it).`,
        );
      }
      const port = await readyPort(dataDir, holder, deadline);
      if (port) {
        log(`using the embedded PostgreSQL of ${describe(holder)} on this data folder`);
        return { url: embeddedUrl(port), close: async () => {} };
      }
      continue; // it stopped meanwhile: the folder is free again
    }
    // Another command borrows the folder for a moment: its PostgreSQL stops when it ends.
    if (Date.now() > deadline) throw new Error(`The data folder ${dataDir} is still in use by ${describe(holder)}; try again once it has finished.`);
    if (!waited) log(`waiting for ${describe(holder)} to finish with the data folder`);
    waited = true;
    await sleep(POLL_MS);
  }
}

async function startOwn(dataDir: string, log: (message: string) => void, release: () => void): Promise<DataFolderDatabase> {
  const dir = path.join(dataDir, 'postgres');
  await stopOrphanedPostmaster(dir, log);
  const embedded = await startEmbeddedPostgres(dataDir);
  return {
    url: embedded.url,
    embedded,
    async close() {
      await embedded.stop();
      release();
    },
  };
}

/** The port of the holder's PostgreSQL once it accepts connections; null if the holder is gone. */
async function readyPort(dataDir: string, holder: LockHolder, deadline: number): Promise<number | null> {
  const dir = path.join(dataDir, 'postgres');
  for (;;) {
    const postmaster = readPostmaster(dir);
    if (postmaster?.ready && processRuns(postmaster.pid)) return postmaster.port;
    if (readLock(dataDir)?.token !== holder.token || !holderLives(holder)) return null;
    if (Date.now() > deadline) {
      throw new Error(
        `${describe(holder)} holds the data folder ${dataDir} but its embedded PostgreSQL is not accepting connections; try again once it serves, or stop it and run this command alone.`,
      );
    }
    await sleep(POLL_MS);
  }
}
