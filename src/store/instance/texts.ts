// When each of the instance's texts (privacy policy, terms, description) last changed: the text's
// digest is kept under a key of instance_settings, and its row's updated_at moves when it differs.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

/** When `text` became the text kept under `key` (now, the first time it is seen). */
export async function textSince(db: Db, key: string, text: string): Promise<Date> {
  const value = JSON.stringify({ sha256: createHash('sha256').update(text).digest('hex') });
  const { rows } = await db.execute<{ updated_at: Date | string }>(sql`
    with changed as (
      insert into instance_settings (key, value, updated_at) values (${key}, ${value}::jsonb, now())
      on conflict (key) do update set value = excluded.value, updated_at = now() where instance_settings.value is distinct from excluded.value
      returning updated_at
    )
    select updated_at from changed union all select updated_at from instance_settings where key = ${key} and not exists (select 1 from changed)`);
  return new Date(rows[0]!.updated_at);
}
