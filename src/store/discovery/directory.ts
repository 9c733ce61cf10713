// The profile directory: accounts that opted into discovery, by last post or by arrival.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { listable, notHiddenFrom } from './listable.ts';

export interface DirectoryQuery {
  order: 'active' | 'new';
  localOnly: boolean;
  viewerId: string | null;
  offset: number;
  limit: number;
}

/**
 * One page of the directory: account ids in order. Cost: `new` walks accounts_discoverable_idx backwards and stops after
 * offset + limit rows that pass; `active` reads every discoverable account once (that index, and
 * account_stats by key) and keeps the top offset + limit in a bounded sort: linear in the accounts
 * that opted in, not in all accounts known. No index on last_status_at on purpose: every post
 * updates it, and an index there would cost each post more than the directory saves.
 */
export async function directoryRows(db: Db, q: DirectoryQuery): Promise<string[]> {
  const order = q.order === 'new' ? sql`a.id desc` : sql`s.last_status_at desc nulls last, a.id desc`;
  const result = await db.execute<{ id: string }>(sql`
    select a.id from accounts a left join account_stats s on s.account_id = a.id
    where ${listable}
      ${q.localOnly ? sql`and a.domain is null` : sql``}
      ${q.viewerId ? sql`and ${notHiddenFrom(q.viewerId)}` : sql``}
    order by ${order}
    limit ${q.limit} offset ${q.offset}`);
  return result.rows.map((r) => String(r.id));
}
