import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake, updatedAt } from './columns.ts';

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';
export type Role = 'user' | 'moderator' | 'admin';

export interface UserSettings {
  defaultVisibility: Visibility;
  defaultSensitive: boolean;
  defaultLanguage: string | null;
  expandMedia: 'default' | 'show_all' | 'hide_all';
  expandSpoilers: boolean;
}

/** A person who signs in to this server; owns exactly one local account. */
export const users = pgTable(
  'users',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull().default('user'),
    locale: text('locale').notNull().default('en'),
    /** languages this user wants to see in public timelines; null = all */
    chosenLanguages: text('chosen_languages').array(),
    settings: jsonb('settings').$type<UserSettings>().notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    approved: boolean('approved').notNull().default(true),
    disabled: boolean('disabled').notNull().default(false),
    signUpReason: text('sign_up_reason'),
    signUpIp: text('sign_up_ip'),
    /** last use of the API (to the hour): home feeds of users away longer are not maintained */
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`), uniqueIndex('users_account_id_key').on(t.accountId)],
);

export type UserRow = typeof users.$inferSelect;
