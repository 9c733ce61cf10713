// Who a bearer token speaks for, remembered for a few seconds in each process: every API request
// starts with this lookup, and it was one database round trip in four on a home page. A change
// that matters (a revoked token, new settings, a suspension) is announced on the bus, so every
// process forgets it at once; the short life bounds what a process that missed the announcement
// could serve (the command-line tool writes to the database without a shared bus). Past its life
// an entry is still answered while it is read again in the background (see infra/shared-cache).
import type { Bus } from '../../infra/bus.ts';
import { createSharedCache } from '../../infra/shared-cache.ts';

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

/** Changes name users, accounts and tokens, never the token hashes the entries are kept under. */
function concerns(entry: Entry, change: AccessChange): boolean {
  return (
    (change.tokenIds?.includes(entry.token.id) ?? false) ||
    (change.userId !== undefined && entry.user?.id === change.userId) ||
    (change.accountId !== undefined && entry.account?.id === change.accountId)
  );
}

export function createAccessCache<T extends Entry>(bus: Bus, options: { read: (key: string) => Promise<T | undefined>; ttlMs?: number }) {
  const cache = createSharedCache<T, never, AccessChange>(bus, 'access', {
    max: MAX_ENTRIES,
    ttlMs: options.ttlMs ?? TTL_MS,
    matches: concerns,
    // Expired entries come back a few at a time (those of one moment): a query each is fine.
    reload: async (keys) => {
      const found = new Map<string, T>();
      for (const [key, entry] of await Promise.all(keys.map(async (key) => [key, await options.read(key)] as const))) if (entry) found.set(key, entry);
      return found;
    },
  });

  return {
    /** The entry under this key (a token's hash), read when not kept; unknown keys are not kept. */
    async get(key: string): Promise<T | undefined> {
      const known = cache.get(key);
      if (known) return known;
      const mark = cache.mark();
      const found = await options.read(key);
      // A change announced while it was read may make it wrong: then it is used once, not kept.
      return found ? cache.set(key, found, mark) : undefined;
    },

    /** Forgets here at once, and tells the other processes. */
    changed: (change: AccessChange): Promise<void> => cache.forgetMatching(change),
  };
}

export type AccessCache<T extends Entry = Entry> = ReturnType<typeof createAccessCache<T>>;
