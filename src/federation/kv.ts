// Fedify's key-value store (remote documents and keys cached, inbox idempotence, circuit state) on
// Parley's own PostgreSQL, or on Redis when Parley has one; either way it survives restarts and is
// shared by every process (the registry's @fedify/postgres and @fedify/redis are for Fedify 1).
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../store/db.ts';

const live = sql`(expires_at is null or expires_at > now())`;

function expiry(options?: KvStoreSetOptions): Date | null {
  return options?.ttl ? new Date(Date.now() + options.ttl.total('millisecond')) : null;
}

/** A text[] literal, so keys keep their parts (and prefix queries can compare slices). */
const keyOf = (key: KvKey) => sql`${`{${key.map((k) => `"${k.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;

export function createPgKvStore(db: Db): KvStore {
  let sweeps = 0;
  return {
    async get<T = unknown>(key: KvKey): Promise<T | undefined> {
      const { rows } = await db.execute<{ value: T }>(sql`select value from fedify_kv where key = ${keyOf(key)} and ${live}`);
      return rows[0]?.value;
    },

    async set(key, value, options) {
      await db.execute(sql`
        insert into fedify_kv (key, value, expires_at) values (${keyOf(key)}, ${JSON.stringify(value)}::jsonb, ${expiry(options)})
        on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`);
      // Expired entries are dropped now and then rather than by a timer no process owns.
      if (++sweeps % 500 === 0) await db.execute(sql`delete from fedify_kv where expires_at < now()`);
    },

    async delete(key) {
      await db.execute(sql`delete from fedify_kv where key = ${keyOf(key)}`);
    },

    async cas(key, expectedValue, newValue, options) {
      const expected = expectedValue === undefined ? null : JSON.stringify(expectedValue);
      const { rows } = await db.execute(
        expected === null
          ? sql`insert into fedify_kv (key, value, expires_at) values (${keyOf(key)}, ${JSON.stringify(newValue)}::jsonb, ${expiry(options)})
                on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at
                where not ${sql.raw('(fedify_kv.expires_at is null or fedify_kv.expires_at > now())')}
                returning 1`
          : sql`update fedify_kv set value = ${JSON.stringify(newValue)}::jsonb, expires_at = ${expiry(options)}
                where key = ${keyOf(key)} and value = ${expected}::jsonb and ${live} returning 1`,
      );
      return rows.length > 0;
    },

    async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
      const where = prefix && prefix.length > 0 ? sql`key[1:${prefix.length}] = ${keyOf(prefix)} and ${live}` : live;
      const { rows } = await db.execute<{ key: string[]; value: unknown }>(sql`select key, value from fedify_kv where ${where} order by key`);
      for (const row of rows) yield { key: row.key as unknown as KvKey, value: row.value };
    },
  };
}

/**
 * The same store on Redis: one string key per entry (the key's parts JSON-encoded after the
 * prefix), expiry by Redis itself, compare-and-swap by a script so it is atomic.
 */
export function createRedisKvStore(redis: Redis, prefix: string): KvStore {
  const base = `${prefix}fedify:`;
  const keyOf = (key: KvKey) => base + JSON.stringify(key);
  const CAS = `local v = redis.call('GET', KEYS[1])
if (v == false and ARGV[1] == '') or v == ARGV[1] then
  if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
  return 1
end
return 0`;
  const ttl = (options?: KvStoreSetOptions) => (options?.ttl ? Math.max(1, Math.round(options.ttl.total('millisecond'))) : null);
  return {
    async get<T = unknown>(key: KvKey): Promise<T | undefined> {
      const value = await redis.get(keyOf(key));
      return value === null ? undefined : (JSON.parse(value) as T);
    },
    async set(key, value, options) {
      const ms = ttl(options);
      if (ms) await redis.set(keyOf(key), JSON.stringify(value), 'PX', ms);
      else await redis.set(keyOf(key), JSON.stringify(value));
    },
    async delete(key) {
      await redis.del(keyOf(key));
    },
    async cas(key, expectedValue, newValue, options) {
      const expected = expectedValue === undefined ? '' : JSON.stringify(expectedValue);
      const done = await redis.eval(CAS, 1, keyOf(key), expected, JSON.stringify(newValue), String(ttl(options) ?? ''));
      return done === 1;
    },
    async *list(prefixKey?: KvKey): AsyncIterable<KvStoreListEntry> {
      // Keys are JSON arrays: a prefix's entries start with its array minus the closing bracket.
      const match =
        prefixKey && prefixKey.length > 0
          ? `${keyOf(prefixKey)
              .slice(0, -1)
              .replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`
          : `${base.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
        cursor = next;
        for (const k of keys) {
          const value = await redis.get(k);
          if (value !== null) yield { key: JSON.parse(k.slice(base.length)) as KvKey, value: JSON.parse(value) };
        }
      } while (cursor !== '0');
    },
  };
}
