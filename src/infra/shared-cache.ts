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
import { isDeepStrictEqual } from 'node:util';
import { LRUCache } from 'lru-cache';
import type { Bus } from './bus.ts';
import { isUnavailable } from './unavailable.ts';

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

/** How long a forgotten key is remembered as such: longer than any read takes. */
const FORGOTTEN_TTL_MS = 60_000;
/** How long others use an expired value while one reader reads it again (past that, they read too). */
const REFRESH_WAIT_MS = 1_000;

export function createSharedCache<V extends {}, P = never, C = never>(bus: Bus, name: string, options: SharedCacheOptions<V, P, C>) {
  const channel = `cache:${name}`;
  // Messages name the cache that sent them: a cache that revised a value ignores its own message.
  const self = randomUUID();
  // Expired entries stay (noDeleteOnStaleGet) until a reader has read them again.
  const entries = new LRUCache<string, V>({
    max: options.max,
    ttl: options.ttlMs,
    noDeleteOnStaleGet: true,
    ...(options.size ? { maxSize: options.size.max, sizeCalculation: (value: V) => Math.max(1, options.size!.of(value)) } : {}),
  });
  const forgottenAt = new LRUCache<string, number>({ max: options.max, ttl: FORGOTTEN_TTL_MS });
  const refreshing = new LRUCache<string, true>({ max: options.max, ttl: REFRESH_WAIT_MS });
  let epoch = 0;
  /** the epoch of the last `forgetAll`: reads marked before it are not stored */
  let clearedAt = 0;
  let _listening: Promise<unknown> | undefined;
  let toReload: string[] = [];

  function drop(keys: readonly string[]): void {
    epoch++;
    for (const key of keys) {
      entries.delete(key);
      forgottenAt.set(key, epoch);
    }
  }

  function dropAll(): void {
    clearedAt = ++epoch;
    entries.clear();
  }

  /**
   * Drops the values the change concerns. Which keys a read under way will store is not known, so
   * none of those reads is stored (as after dropAll).
   */
  function dropMatching(change: C): void {
    if (!options.matches) return void dropAll();
    clearedAt = ++epoch;
    // Expired values are served while read again: they go too, not only the fresh ones listed below.
    entries.purgeStale();
    for (const [key, value] of entries.entries()) if (options.matches(value, change)) entries.delete(key);
  }

  function listen(): void {
    _listening ??= bus
      .subscribe(channel, (raw) => {
        try {
          const { from, keys, patches, change } = JSON.parse(raw) as { from: string; keys?: string[] | '*'; patches?: [string, P][]; change?: C };
          if (from === self) return;
          if (change !== undefined) dropMatching(change);
          else if (keys === undefined || keys === '*') dropAll();
          else if (patches && options.apply) patch(patches, null);
          else drop(keys);
        } catch {
          // A message this version cannot read: forget everything rather than serve stale rows.
          dropAll();
        }
      })
      .catch((error: unknown) => {
        console.error(`[cache:${name}] cannot hear changes from other processes:`, error);
        _listening = undefined;
      });
  }

  /**
   * Applies patches to the values held (the others are not made up), refusing a patch to a key
   * forgotten since `mark` (null: a patch from another process, always newer than what is held
   * here or harmless to it, see `apply`). Reads under way must not store what they saw.
   */
  function patch(patches: readonly (readonly [string, P])[], mark: number | null): void {
    const patchedAt = ++epoch;
    for (const [key, p] of patches) {
      const held = entries.peek(key, { allowStale: true });
      const stale = mark !== null && forgottenSince(key, mark);
      forgottenAt.set(key, patchedAt);
      // The rest of the value is as old as before: it keeps its time to live.
      const ttl = entries.getRemainingTTL(key);
      if (held === undefined || ttl <= 0 || stale || !options.apply) entries.delete(key);
      else entries.set(key, options.apply(held, p), { ttl });
    }
  }

  /** The key was forgotten (or everything was) after `mark`: what a read begun then saw may be old. */
  function forgottenSince(key: string, mark: number): boolean {
    const forgotten = forgottenAt.get(key);
    return clearedAt > mark || (forgotten !== undefined && forgotten > mark);
  }

  function store(key: string, value: V, mark: number): V {
    refreshing.delete(key);
    if (forgottenSince(key, mark)) return value;
    const held = entries.peek(key, { allowStale: true });
    const kept = held !== undefined && isDeepStrictEqual(held, value) ? held : value;
    entries.set(key, kept);
    return kept;
  }

  function reloadExpired(): void {
    const keys = toReload;
    toReload = [];
    const mark = epoch;
    options.reload!(keys)
      .then((found) => {
        for (const key of keys) {
          const value = found.get(key);
          if (value !== undefined) store(key, value, mark);
          else if (!entries.has(key)) entries.delete(key); // still expired, and gone from the source
        }
      })
      .catch((error: unknown) => {
        // The database out of reach is told by /health and the requests' 503s, not once a request here.
        if (!isUnavailable(error)) console.error(`[cache:${name}] cannot read expired keys again:`, error);
      })
      .finally(() => {
        for (const key of keys) refreshing.delete(key);
      });
  }

  /** The value, or undefined when the caller should read it (and `set` what it read). */
  function get(key: string): V | undefined {
    listen();
    if (options.endsAt) {
      const held = entries.peek(key, { allowStale: true });
      const end = held === undefined ? null : options.endsAt(held);
      if (end !== null && end <= Date.now()) entries.delete(key);
    }
    const fresh = entries.get(key);
    if (fresh !== undefined) return fresh;
    const expired = entries.peek(key, { allowStale: true });
    if (expired === undefined) return undefined;
    if (refreshing.has(key)) return expired;
    refreshing.set(key, true);
    if (!options.reload) return undefined;
    if (toReload.push(key) === 1) setImmediate(reloadExpired);
    return expired;
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
      const mark = epoch;
      for (const [key, value] of await read([...missing])) out.set(key, store(key, value, mark));
      return out;
    },

    /** Call before reading the source; hand the mark to `set`. */
    mark(): number {
      return epoch;
    },

    /**
     * Stores what was read, unless the key was forgotten after `mark` (the read may be stale).
     * Returns the value to use: the one already held when it is equal to what was read.
     */
    set: store,

    /** Forgets here at once and on every other process. Call once the change is committed. */
    async forget(keys: readonly string[]): Promise<void> {
      if (keys.length === 0) return;
      drop(keys);
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
      patch(list, mark);
      await bus.publish(channel, JSON.stringify({ from: self, keys: list.map(([key]) => key), patches: options.apply ? list : undefined }));
    },

    /** Forgets the values a change concerns (see `matches`), here and on every other process. */
    async forgetMatching(change: C): Promise<void> {
      dropMatching(change);
      await bus.publish(channel, JSON.stringify({ from: self, change }));
    },

    /** Forgets every key, here and on every other process (a change that concerns all of them). */
    async forgetAll(): Promise<void> {
      dropAll();
      await bus.publish(channel, JSON.stringify({ from: self, keys: '*' }));
    },
  };
}

export type SharedCache<V extends {}, P = never, C = never> = ReturnType<typeof createSharedCache<V, P, C>>;
