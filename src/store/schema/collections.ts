import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake, updatedAt } from './columns.ts';
import { tags } from './statuses.ts';

export type CollectionItemState = 'pending' | 'accepted' | 'rejected' | 'revoked';

/** Collections (Mastodon 4.6+): an account's named, shareable recommendations of accounts to follow. */
export const collections = pgTable(
  'collections',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    language: text('language'),
    sensitive: boolean('sensitive').notNull().default(false),
    /** shown on the owner's profile to others (the owner always sees all of them) */
    discoverable: boolean('discoverable').notNull().default(true),
    tagId: snowflake('tag_id').references(() => tags.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('collections_account_idx').on(t.accountId, t.createdAt)],
);

/**
 * The accounts a collection features. A revoked item stays, so its owner cannot add the account
 * again against its will.
 */
export const collectionItems = pgTable(
  'collection_items',
  {
    id: snowflake('id').primaryKey(),
    collectionId: snowflake('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    state: text('state').$type<CollectionItemState>().notNull().default('pending'),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('collection_items_pair_key').on(t.collectionId, t.accountId), index('collection_items_account_idx').on(t.accountId)],
);

export type CollectionRow = typeof collections.$inferSelect;
export type CollectionItemRow = typeof collectionItems.$inferSelect;
