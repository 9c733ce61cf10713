// A cache of rows that every viewer shares (statuses, accounts), kept in each process and emptied
// of a key on every process, through the bus, when the row changes. Writers call `forget` after
// their transaction commits; a reader marks the moment it starts reading the database and stores
// its result only if nobody forgot that key since, so a read that raced a write cannot put the old
// row back. The time-to-live bounds what a process that missed a message (or a write made outside
// the core, such as a hand-run SQL statement) could serve.
import { LRUCache } from 'lru-cache';
import type { Bus } from './bus.ts';

export interface SharedCacheOptions {
  max: number;
  ttlMs: number;
}

/** How long a forgotten key is remembered as such: longer than any read takes. */
const FORGOTTEN_TTL_MS = 60_000;

export function createSharedCache<V extends {}>(bus: Bus, name: string, options: SharedCacheOptions) {
  const channel = `cache:${name}`;
  const entries = new LRUCache<string, V>({ max: options.max, ttl: options.ttlMs });
  const forgottenAt = new LRUCache<string, number>({ max: options.max, ttl: FORGOTTEN_TTL_MS });
  let epoch = 0;
  let listening: Promise<unknown> | undefined;

  function drop(keys: readonly string[]): void {
    epoch++;
    for (const key of keys) {
      entries.delete(key);
      forgottenAt.set(key, epoch);
    }
  }

  function listen(): void {
    listening ??= bus
      .subscribe(channel, (raw) => {
        try {
          drop(JSON.parse(raw) as string[]);
        } catch {
          // A message this version cannot read: forget everything rather than serve stale rows.
          epoch++;
          entries.clear();
        }
      })
      .catch((error: unknown) => {
        console.error(`[cache:${name}] cannot hear changes from other processes:`, error);
        listening = undefined;
      });
  }

  return {
    get(key: string): V | undefined {
      listen();
      return entries.get(key);
    },

    /** Call before reading the source; hand the mark to `set`. */
    mark(): number {
      return epoch;
    },

    /** Stores what was read, unless the key was forgotten after `mark` (the read may be stale). */
    set(key: string, value: V, mark: number): void {
      const forgotten = forgottenAt.get(key);
      if (forgotten !== undefined && forgotten > mark) return;
      entries.set(key, value);
    },

    /** Forgets here at once and on every other process. Call once the change is committed. */
    async forget(keys: readonly string[]): Promise<void> {
      if (keys.length === 0) return;
      drop(keys);
      await bus.publish(channel, JSON.stringify(keys));
    },
  };
}

export type SharedCache<V extends {}> = ReturnType<typeof createSharedCache<V>>;
