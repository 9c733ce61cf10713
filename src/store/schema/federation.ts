import type { webcrypto } from 'node:crypto';
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake } from './columns.ts';

/** Each local account's key pairs for HTTP signatures (JWK), made on first need. */
export const accountKeys = pgTable('account_keys', {
  accountId: snowflake('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  rsaPublic: jsonb('rsa_public').$type<webcrypto.JsonWebKey>().notNull(),
  rsaPrivate: jsonb('rsa_private').$type<webcrypto.JsonWebKey>().notNull(),
  ed25519Public: jsonb('ed25519_public').$type<webcrypto.JsonWebKey>().notNull(),
  ed25519Private: jsonb('ed25519_private').$type<webcrypto.JsonWebKey>().notNull(),
  createdAt: createdAt(),
});

/** Fedify's key-value store (remote documents cache, inbox idempotence), kept in PostgreSQL. */
export const fedifyKv = pgTable(
  'fedify_kv',
  {
    key: text('key').array().primaryKey(),
    value: jsonb('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('fedify_kv_expires_idx').on(t.expiresAt)],
);
