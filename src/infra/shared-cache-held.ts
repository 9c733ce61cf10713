// What one process holds of a shared cache (see shared-cache): the values, and when each key was
// last forgotten, so that a read that began before a change stores nothing it saw.
import { isDeepStrictEqual } from 'node:util';
import { LRUCache } from 'lru-cache';
import type { SharedCacheOptions } from './shared-cache.ts';

/** How long a forgotten key is remembered as such: longer than any read takes. */
const FORGOTTEN_TTL_MS = 60_000;
/** How long others use an expired value while one reader reads it again (past that, they read too). */
const REFRESH_WAIT_MS = 1_000;
/**
 * Keys marked as being read again, at most: lru-cache fills all its `max` slots again when its last
 * key goes, which this one did whenever a refresh ended with no other under way (four arrays of
 * 50,000 for the status rows). A mark pushed out early only lets a second reader read the key too.
 */
const MOST_REFRESHING = 1_024;

export function createHeldValues<V extends {}, P, C>(options: SharedCacheOptions<V, P, C>) {
  // Expired entries stay (noDeleteOnStaleGet) until a reader has read them again.
  const entries = new LRUCache<string, V>({
    max: options.max,
    ttl: options.ttlMs,
    noDeleteOnStaleGet: true,
    ...(options.size ? { maxSize: options.size.max, sizeCalculation: (value: V) => Math.max(1, options.size!.of(value)) } : {}),
  });
  const forgottenAt = new LRUCache<string, number>({ max: options.max, ttl: FORGOTTEN_TTL_MS });
  /** expired keys being read again: meanwhile others are served the expired value */
  const refreshing = new LRUCache<string, true>({ max: Math.min(options.max, MOST_REFRESHING), ttl: REFRESH_WAIT_MS });
  let epoch = 0;
  /** the epoch of the last `dropAll`: reads marked before it are not stored */
  let clearedAt = 0;

  function dropAll(): void {
    clearedAt = ++epoch;
    entries.clear();
  }

  /** The key was forgotten (or everything was) after `mark`: what a read begun then saw may be old. */
  function forgottenSince(key: string, mark: number): boolean {
    const forgotten = forgottenAt.get(key);
    return clearedAt > mark || (forgotten !== undefined && forgotten > mark);
  }

  return {
    entries,
    refreshing,
    /** Taken before reading the source; given back to `store`. */
    mark: (): number => epoch,
    dropAll,

    drop(keys: readonly string[]): void {
      epoch++;
      for (const key of keys) {
        entries.delete(key);
        forgottenAt.set(key, epoch);
      }
    },

    /**
     * Drops the values the change concerns. Which keys a read under way will store is not known, so
     * none of those reads is stored (as after dropAll).
     */
    dropMatching(change: C): void {
      if (!options.matches) {
        dropAll();
        return;
      }
      clearedAt = ++epoch;
      // Expired values are served while read again: they go too, not only the fresh ones listed below.
      entries.purgeStale();
      for (const [key, value] of entries.entries()) if (options.matches(value, change)) entries.delete(key);
    },

    /**
     * Applies patches to the values held (the others are not made up), refusing a patch to a key
     * forgotten since `mark` (null: a patch from another process, always newer than what is held
     * here or harmless to it, see `apply`). Reads under way must not store what they saw.
     */
    patch(patches: readonly (readonly [string, P])[], mark: number | null): void {
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
    },

    /** Stores what a read begun at `mark` saw, unless it may be old; returns the value to use. */
    store(key: string, value: V, mark: number): V {
      refreshing.delete(key);
      if (forgottenSince(key, mark)) return value;
      const held = entries.peek(key, { allowStale: true });
      const kept = held !== undefined && isDeepStrictEqual(held, value) ? held : value;
      entries.set(key, kept);
      return kept;
    },
  };
}

export type HeldValues<V extends {}, P, C> = ReturnType<typeof createHeldValues<V, P, C>>;
