// Reading a shared cache (see shared-cache): a fresh value is served; an expired one is read again
// once, while everyone goes on with it (in the background, in batches, when the cache was given a
// `reload`; else by the first reader to ask); a value past its end (`endsAt`) is never served.
import type { SharedCacheOptions } from './shared-cache.ts';
import type { HeldValues } from './shared-cache-held.ts';
import { isUnavailable } from './unavailable.ts';

/** The cache's `get`: the value, or undefined when the caller should read it (and `set` what it read). */
export function createCacheGet<V extends {}, P, C>(name: string, options: SharedCacheOptions<V, P, C>, held: HeldValues<V, P, C>): (key: string) => V | undefined {
  const { entries, refreshing } = held;
  let toReload: string[] = [];

  function reloadExpired(): void {
    const keys = toReload;
    toReload = [];
    const mark = held.mark();
    options.reload!(keys)
      .then((found) => {
        for (const key of keys) {
          const value = found.get(key);
          if (value !== undefined) held.store(key, value, mark);
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

  return (key) => {
    if (options.endsAt) {
      const value = entries.peek(key, { allowStale: true });
      const end = value === undefined ? null : options.endsAt(value);
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
  };
}
