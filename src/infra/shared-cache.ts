// A cache of rows that every viewer shares (statuses, accounts), kept in each process and emptied
// of a key on every process, through the bus, when the row changes. Writers call `forget` after
// their transaction commits; a reader marks the moment it starts reading the database and stores
// its result only if nobody forgot that key since, so a read that raced a write cannot put the old
// row back. The time-to-live bounds what a process that missed a message (or a write made outside
// the core, such as a hand-run SQL statement) could serve.
//
// An expired key is read again once, while everyone goes on with the old value (never for a
// forgotten key: forgetting removes it): in the background, in batches, when the cache was given a
// `reload`; else by the first reader to ask, the others meanwhile using the old value. A row read
// again unchanged keeps its old object, so what was rendered from it (status JSON) stays valid.
// Before, every key expired at once for every concurrent request: the same rows read by dozens of
// queries, every page rendered anew, and the requests that waited for PostgreSQL on a busy machine
// made the home timeline's p99.
import { randomUUID } from 'node:crypto';
import type { Bus } from './bus.ts';
import { createHeldValues, type HeldValues } from './shared-cache-held.ts';
import { createCacheGet } from './shared-cache-read.ts';

export interface SharedCacheOptions<V, P = never, C = never> {
  max: number;
  ttlMs: number;
  /** Reads expired keys again in the background; keys it does not return are gone. */
  reload?: (keys: string[]) => Promise<Map<string, V>>;
  /**
   * When a value stops being true (ms since the epoch, or null): from then on it is read again by
   * the first reader, never served while being reloaded as a merely old value is.
   */
  endsAt?: (value: V) => number | null;
  /** Bounds the cache by the values' sizes as well as by their number. */
  size?: { max: number; of: (value: V) => number };
  /**
   * Applies a revision (see `revise`) to a held value: on every process, so a value changed by a
   * known amount is not read again anywhere. Patches travel as JSON. Without it, others forget.
   */
  apply?: (value: V, patch: P) => V;
  /**
   * Whether a held value is concerned by a change described as data (see `forgetMatching`), for
   * changes that name no keys: "every token of this user", say. Changes travel as JSON.
   */
  matches?: (value: V, change: C) => boolean;
}

/** Hears the changes other processes announce, once the cache is first read. */
function changesHeard<V extends {}, P, C>(bus: Bus, name: string, self: string, options: SharedCacheOptions<V, P, C>, held: HeldValues<V, P, C>): () => void {
  let _listening: Promise<unknown> | undefined;
  return () => {
    _listening ??= bus
      .subscribe(`cache:${name}`, (raw) => {
        try {
          const { from, keys, patches, change } = JSON.parse(raw) as { from: string; keys?: string[] | '*'; patches?: [string, P][]; change?: C };
          if (from === self) return;
          if (change !== undefined) held.dropMatching(change);
          else if (keys === undefined || keys === '*') held.dropAll();
          else if (patches && options.apply) held.patch(patches, null);
          else held.drop(keys);
        } catch {
          // A message this version cannot read: forget everything rather than serve stale rows.
          held.dropAll();
        }
      })
      .catch((error: unknown) => {
        console.error(`[cache:${name}] cannot hear changes from other processes:`, error);
        _listening = undefined;
      });
  };
}

export function createSharedCache<V extends {}, P = never, C = never>(bus: Bus, name: string, options: SharedCacheOptions<V, P, C>) {
  const channel = `cache:${name}`;
  // Messages name the cache that sent them: a cache that revised a value ignores its own message.
  const self = randomUUID();
  const held = createHeldValues(options);
  const listen = changesHeard(bus, name, self, options, held);
  const read = createCacheGet(name, options, held);

  /** The value, or undefined when the caller should read it (and `set` what it read). */
  function get(key: string): V | undefined {
    listen();
    return read(key);
  }

  return {
    get,

    /**
     * Values of these keys: the cached ones, and the others read in one call to `read` (and kept,
     * as `set` keeps them). Keys `read` does not return are left out.
     */
    async getMany(keys: Iterable<string>, read: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
      const out = new Map<string, V>();
      // Made only when something is missing: a warm page has nothing missing.
      let missing: Set<string> | undefined;
      for (const key of keys) {
        if (out.has(key) || missing?.has(key)) continue;
        const cached = get(key);
        if (cached !== undefined) out.set(key, cached);
        else (missing ??= new Set()).add(key);
      }
      if (!missing) return out;
      const mark = held.mark();
      for (const [key, value] of await read([...missing])) out.set(key, held.store(key, value, mark));
      return out;
    },

    /** Call before reading the source; hand the mark to `set`. */
    mark: held.mark,

    /**
     * Stores what was read, unless the key was forgotten after `mark` (the read may be stale).
     * Returns the value to use: the one already held when it is equal to what was read.
     */
    set: held.store,

    /** Forgets here at once and on every other process. Call once the change is committed. */
    async forget(keys: readonly string[]): Promise<void> {
      if (keys.length === 0) return;
      held.drop(keys);
      await bus.publish(channel, JSON.stringify({ from: self, keys }));
    },

    /**
     * A change whose outcome the writer knows, as a patch per key: values held here and on every
     * other process are patched in place (see `apply`; without it the others forget them), unless
     * forgotten here since `mark`, taken before the change was made. Call once it is committed.
     */
    async revise(patches: ReadonlyMap<string, P>, mark: number): Promise<void> {
      if (patches.size === 0) return;
      const list = [...patches];
      held.patch(list, mark);
      await bus.publish(channel, JSON.stringify({ from: self, keys: list.map(([key]) => key), patches: options.apply ? list : undefined }));
    },

    /** Forgets the values a change concerns (see `matches`), here and on every other process. */
    async forgetMatching(change: C): Promise<void> {
      held.dropMatching(change);
      await bus.publish(channel, JSON.stringify({ from: self, change }));
    },

    /** Forgets every key, here and on every other process (a change that concerns all of them). */
    async forgetAll(): Promise<void> {
      held.dropAll();
      await bus.publish(channel, JSON.stringify({ from: self, keys: '*' }));
    },
  };
}

export type SharedCache<V extends {}, P = never, C = never> = ReturnType<typeof createSharedCache<V, P, C>>;
