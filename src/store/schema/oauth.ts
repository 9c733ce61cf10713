import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, snowflake } from './columns.ts';
import { users } from './users.ts';

/** A registered client app (POST /api/v1/apps). */
export const oauthApps = pgTable('oauth_apps', {
  id: snowflake('id').primaryKey(),
  name: text('name').notNull(),
  website: text('website'),
  redirectUris: text('redirect_uris').array().notNull(),
  scopes: text('scopes').array().notNull(),
  clientId: text('client_id').notNull().unique(),
  clientSecret: text('client_secret').notNull(),
  createdAt: createdAt(),
});

/** Authorization codes; only a hash of the code is stored. */
export const oauthGrants = pgTable('oauth_grants', {
  codeHash: text('code_hash').primaryKey(),
  appId: snowflake('app_id')
    .notNull()
    .references(() => oauthApps.id, { onDelete: 'cascade' }),
  userId: snowflake('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  redirectUri: text('redirect_uri').notNull(),
  scopes: text('scopes').array().notNull(),
  codeChallenge: text('code_challenge'),
  codeChallengeMethod: text('code_challenge_method'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/** Access tokens; only hashes of the token and refresh token are stored. */
export const oauthTokens = pgTable(
  'oauth_tokens',
  {
    id: snowflake('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    refreshTokenHash: text('refresh_token_hash').unique(),
    appId: snowflake('app_id')
      .notNull()
      .references(() => oauthApps.id, { onDelete: 'cascade' }),
    /** null for client_credentials tokens (app-only) */
    userId: snowflake('user_id').references(() => users.id, { onDelete: 'cascade' }),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    refreshExpiresAt: timestamp('refresh_expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('oauth_tokens_user_idx').on(t.userId)],
);

/** Browser sign-in sessions for the server's own pages (OAuth consent). */
export const webSessions = pgTable('web_sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: snowflake('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});
