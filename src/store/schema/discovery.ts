import { pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { pairRefs } from './relations.ts';

/** account dismissed target from its follow suggestions: never suggested to it again */
export const suggestionDismissals = pgTable('suggestion_dismissals', { ...pairRefs(), createdAt: createdAt() }, (t) => [primaryKey({ columns: [t.accountId, t.targetAccountId] })]);
