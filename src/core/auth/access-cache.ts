// Who a bearer token speaks for, remembered for a few seconds in each process: every API request
// starts with this lookup, and it was one database round trip in four on a home page. A change
// that matters (a revoked token, new settings, a suspension) is announced on the bus, so every
// process forgets it at once; the short life bounds what a process that missed the announcement
// could serve (the command-line tool writes to the database without a shared bus).
import { LRUCache } from 'lru-cache';
import type { Bus } from '../../infra/bus.ts';

const CHANNEL = 'access';
const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

/** What changed: any token of this user or account, or these tokens. */
export interface AccessChange {
  userId?: string | undefined;
  accountId?: string | undefined;
  tokenIds?: string[] | undefined;
}

interface Entry {
  token: { id: string };
  user: { id: string } | null;
  account: { id: string } | null;
}

export function createAccessCache<T extends Entry>(bus: Bus, options: { ttlMs?: number } = {}) {
  // Expired entries stay until read again (see get); forget removes them like the others.
  const cache = new LRUCache<string, T>({ max: MAX_ENTRIES, ttl: options.ttlMs ?? TTL_MS, noDeleteOnStaleGet: true });
  const reloading = new Set<string>();
  /** moves on every forget: a reload begun before one is not stored */
  let generation = 0;
  let listening: Promise<unknown> | undefined;

  function forget(change: AccessChange): void {
    generation++;
    cache.purgeStale(); // the scan below sees fresh entries only
    const tokens = new Set(change.tokenIds ?? []);
    // Changes are rare next to reads: a scan of the cache is cheaper than indexes kept on every read.
    for (const [key, entry] of cache.entries()) {
      if (tokens.has(entry.token.id) || (change.userId && entry.user?.id === change.userId) || (change.accountId && entry.account?.id === change.accountId)) {
        cache.delete(key);
      }
    }
  }

  function listen(): void {
    listening ??= bus
      .subscribe(CHANNEL, (raw) => {
        try {
          forget(JSON.parse(raw) as AccessChange);
        } catch {
          // A message this version cannot read: forget everything rather than serve stale access.
          generation++;
          cache.clear();
        }
      })
      .catch((error: unknown) => {
        console.error('[access] cannot hear changes from other processes:', error);
        listening = undefined;
      });
  }

  return {
    /**
     * The entry; one past its time is still answered while `reload` reads it again in the
     * background, so that requests do not wait for the database every few seconds per token.
     */
    get(key: string, reload?: (key: string) => Promise<T | undefined>): T | undefined {
      listen();
      const fresh = cache.get(key);
      if (fresh !== undefined || !reload) return fresh;
      const expired = cache.peek(key, { allowStale: true });
      if (expired === undefined || reloading.has(key)) return expired;
      reloading.add(key);
      const started = generation;
      reload(key)
        .then((found) => {
          if (generation !== started) return;
          if (found) cache.set(key, found);
          else cache.delete(key);
        })
        .catch((error: unknown) => {
          console.error('[access] cannot read a token again:', error);
          cache.delete(key);
        })
        .finally(() => reloading.delete(key));
      return expired;
    },

    set(key: string, entry: T): void {
      cache.set(key, entry);
    },

    /** Forgets here at once, and tells the other processes. */
    async changed(change: AccessChange): Promise<void> {
      forget(change);
      await bus.publish(CHANNEL, JSON.stringify(change));
    },
  };
}

export type AccessCache<T extends Entry = Entry> = ReturnType<typeof createAccessCache<T>>;
