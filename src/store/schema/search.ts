import { sql } from 'drizzle-orm';
import { index, pgTable } from 'drizzle-orm/pg-core';
import { snowflake, tsvector } from './columns.ts';
import { statuses } from './statuses.ts';

/**
 * The words of each status (not reblogs), as full-text search reads them: written by fan-out's
 * batch, after the post is answered, and again on an edit (store/search/status-index), with the
 * search migration's `parley_search_vector`. Kept, not computed again, so that ranking and phrases
 * read them as they are.
 */
export const statusSearch = pgTable(
  'status_search',
  {
    statusId: snowflake('status_id')
      .primaryKey()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    vector: tsvector('vector').notNull(),
  },
  // Beside the words, the id cut to ~70 minutes (2^22 ms; ids are milliseconds << 16): a window of
  // time is a few keys, which the index (btree_gin) intersects with a word's matches without
  // reading all of them, so a common word's newest matches cost no more than a rare word's.
  (t) => [index('status_search_idx').using('gin', t.vector, sql`(${t.statusId} >> 38)`)],
);
