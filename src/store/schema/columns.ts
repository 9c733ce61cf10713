import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Snowflake ids are 64-bit integers in the database and decimal strings everywhere else (as in Mastodon's API). */
export const snowflake = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'bigint';
  },
});

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A full-text document (written by PostgreSQL, read by it alone: Parley never parses one). */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'tsvector';
  },
});
