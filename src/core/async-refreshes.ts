// Work a request starts and its client may poll (Mastodon's async refreshes, 4.4+): a thread's
// replies fetched from another server, an annual report being made. Each refresh is named by a
// key (what is refreshed) and given a random id (what the client is told, in Mastodon's
// `Mastodon-Async-Refresh` header); the work, a durable job, counts its results and finishes it.
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { addRefreshResults, finishRefresh, refreshById, refreshByKey, startRefresh } from '../store/refreshes/rows.ts';
import type { Executor } from './jobs.ts';

export interface AsyncRefresh {
  id: string;
  status: 'running' | 'finished';
  /** results found so far, when the work counts them */
  resultCount: number | null;
}

/** A running refresh this old lost its job (it gave up): the work may start again. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60_000;

const view = (row: { id: string; status: 'running' | 'finished'; resultCount: number | null }): AsyncRefresh => ({ id: row.id, status: row.status, resultCount: row.resultCount });

export function createAsyncRefreshes(deps: { db: Db }) {
  const { db } = deps;

  async function last(key: string): Promise<{ refresh: AsyncRefresh; startedAt: Date; running: boolean } | null> {
    const row = await refreshByKey(db, key);
    if (!row) return null;
    return { refresh: view(row), startedAt: row.createdAt, running: row.status === 'running' && Date.now() - row.createdAt.getTime() <= ABANDONED_AFTER_MS };
  }

  /**
   * Starts the refresh of `key` inside the caller's transaction (which queues its job when
   * `started`), unless one is running or one started less than `cooldownMs` ago: that one is
   * answered, and nothing starts.
   */
  async function start(tx: Executor, key: string, options: { cooldownMs: number; countResults: boolean }): Promise<{ refresh: AsyncRefresh; started: boolean }> {
    const { row, started } = await startRefresh(tx, key, randomBytes(18).toString('base64url'), new Date(Date.now() - options.cooldownMs), options.countResults);
    if (!started && row.status === 'running' && Date.now() - row.createdAt.getTime() > ABANDONED_AFTER_MS) {
      await finishRefresh(tx, row.id);
      return start(tx, key, options);
    }
    return { refresh: view(row), started };
  }

  return {
    start,

    /** The refresh of `key` last started, when, and whether it runs still (null: none remembered). */
    last,

    /** The refresh of `key`, if it is running. */
    async running(key: string): Promise<AsyncRefresh | null> {
      const found = await last(key);
      return found?.running ? found.refresh : null;
    },

    /** What the client polls: null when the id names nothing (or a refresh since replaced). */
    async byId(id: string): Promise<AsyncRefresh | null> {
      const row = await refreshById(db, id);
      return row ? view(row) : null;
    },

    found: (id: string, n: number) => addRefreshResults(db, id, n),
    finish: (id: string, tx: Executor = db) => finishRefresh(tx, id),
  };
}

export type AsyncRefreshes = ReturnType<typeof createAsyncRefreshes>;
