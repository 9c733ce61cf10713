// Fedify's key-value store on Parley's own PostgreSQL: its caches and inbox idempotence records
// survive restarts and are shared by every process (the registry's @fedify/postgres is for Fedify 1).
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { sql } from 'drizzle-orm';
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
