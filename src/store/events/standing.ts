// What decides whether an account may ask in an event, read in one statement: the event, the
// account's role in it, whether the host and the account block one another (or the host blocks
// the account's server), and how many questions it asked since a moment. Every question asked,
// through the API or from another server, reads it: one named statement, planned once a connection.
import { getTableColumns, sql } from 'drizzle-orm';
import { namedStatement, type DbOrTx } from '../db.ts';
import { events, type EventRole, type EventRow } from '../schema/index.ts';

export interface AskerStanding {
  event: EventRow;
  role: EventRole | null;
  /** the host blocks the account or its server, or the account blocks the host */
  blocked: boolean;
  /** questions the account asked in the event since the moment given */
  askedSince: number;
}

const COLUMNS = Object.entries(getTableColumns(events));

const statement = namedStatement<Record<string, unknown> & { role: EventRole | null; blocked: boolean; asked: number }>(
  'event_asker_standing',
  sql`
    select e.*,
      case when e.account_id = ${sql.placeholder('account')}::bigint then 'host' else m.role end as role,
      exists (
        select 1 from blocks b
        where (b.account_id = e.account_id and b.target_account_id = ${sql.placeholder('account')}::bigint)
          or (b.account_id = ${sql.placeholder('account')}::bigint and b.target_account_id = e.account_id)
      ) or exists (
        select 1 from accounts a join account_domain_blocks d on d.account_id = e.account_id and d.domain = a.domain
        where a.id = ${sql.placeholder('account')}::bigint
      ) as blocked,
      (select count(*)::int from event_questions q
        where q.event_id = e.id and q.account_id = ${sql.placeholder('account')}::bigint and q.created_at > ${sql.placeholder('since')}::timestamptz) as asked
    from events e
    left join event_members m on m.event_id = e.id and m.account_id = ${sql.placeholder('account')}::bigint
    where e.id = ${sql.placeholder('event')}::bigint`,
);

/** The account's standing in the event; undefined when there is no such event. */
export async function askerStanding(db: DbOrTx, eventId: string, accountId: string, since: Date): Promise<AskerStanding | undefined> {
  const { rows } = await statement(db, { event: eventId, account: accountId, since: since.toISOString() });
  const r = rows[0];
  if (!r) return undefined;
  const event = Object.fromEntries(COLUMNS.map(([key, column]) => [key, r[column.name] === null ? null : column.mapFromDriverValue(r[column.name])])) as EventRow;
  return { event, role: r.role, blocked: r.blocked, askedSince: r.asked };
}
