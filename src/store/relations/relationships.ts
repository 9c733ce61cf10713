// Reading relations: between a viewer and some accounts, each in one statement (so one snapshot,
// and one round trip where pages of statuses ask for them).
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

export type RelationKind = 'f' | 'fb' | 'r' | 'rb' | 'b' | 'bb' | 'm' | 'e' | 'n' | 'd';

export type RelationRow = {
  /** f: viewer follows, fb: followed by, r: requested, rb: requested by, b: blocking, bb: blocked by, m: muting, e: endorsing, n: noted, d: the viewer blocks its domain */
  kind: RelationKind;
  id: string;
  show_reblogs: boolean | null;
  notify: boolean | null;
  languages: string[] | null;
  hide_notifications: boolean | null;
  /** the viewer's private note (kind n) */
  note: string | null;
};

/** The viewer's relations with these accounts, both ways (a follow accepted meanwhile cannot show as both followed and requested). */
export async function relationRows(db: Db, viewerId: string, ids: readonly string[]): Promise<RelationRow[]> {
  const list = `{${ids.join(',')}}`;
  const result = await db.execute<RelationRow>(sql`
    select 'f' as kind, target_account_id as id, show_reblogs, notify, languages, null::boolean as hide_notifications, null::text as note from follows where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
    union all select 'fb', account_id, null, null, null, null, null from follows where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
    union all select 'r', target_account_id, null, null, null, null, null from follow_requests where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
    union all select 'rb', account_id, null, null, null, null, null from follow_requests where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
    union all select 'b', target_account_id, null, null, null, null, null from blocks where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
    union all select 'bb', account_id, null, null, null, null, null from blocks where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
    union all select 'm', target_account_id, null, null, null, hide_notifications, null from mutes where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
      and (expires_at is null or expires_at > now())
    union all select 'e', target_account_id, null, null, null, null, null from account_pins where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
    union all select 'n', target_account_id, null, null, null, null, comment from account_notes where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
    union all select 'd', a.id, null, null, null, null, null from accounts a join account_domain_blocks d on d.account_id = ${viewerId} and d.domain = a.domain
      where a.id = any(${list}::bigint[])`);
  return result.rows;
}

/** What a page of statuses needs of the viewer's relations with its authors: follows, blocks both ways, active mutes. */
export async function viewerRelationRows(db: Db, viewerId: string, authorIds: readonly string[]): Promise<{ kind: 'f' | 'b' | 'bb' | 'm' | 'd'; id: string }[]> {
  const list = `{${authorIds.join(',')}}`;
  const result = await db.execute<{ kind: 'f' | 'b' | 'bb' | 'm' | 'd'; id: string }>(sql`
    select 'f' as kind, target_account_id as id from follows where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
    union all
    select 'b', target_account_id from blocks where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
    union all
    select 'bb', account_id from blocks where target_account_id = ${viewerId} and account_id = any(${list}::bigint[])
    union all
    select 'm', target_account_id from mutes where account_id = ${viewerId} and target_account_id = any(${list}::bigint[])
      and (expires_at is null or expires_at > now())
    union all
    select 'd', a.id from accounts a join account_domain_blocks d on d.account_id = ${viewerId} and d.domain = a.domain where a.id = any(${list}::bigint[])`);
  return result.rows;
}

/** The domains the viewer blocks. */
export async function blockedDomainRows(db: Db, viewerId: string): Promise<string[]> {
  const result = await db.execute<{ domain: string }>(sql`select domain from account_domain_blocks where account_id = ${viewerId}`);
  return result.rows.map((r) => r.domain);
}

/** Accounts the viewer blocks, is blocked by or mutes, with when each mute ends. */
export async function hiddenAccountRows(db: Db, viewerId: string): Promise<{ id: string; expires_at: Date | string | null }[]> {
  const result = await db.execute<{ id: string; expires_at: Date | string | null }>(sql`
    select target_account_id as id, null::timestamptz as expires_at from blocks where account_id = ${viewerId}
    union all select account_id, null from blocks where target_account_id = ${viewerId}
    union all select target_account_id, expires_at from mutes where account_id = ${viewerId} and (expires_at is null or expires_at > now())`);
  return result.rows;
}
