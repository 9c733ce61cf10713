// The SQL of private conversations (core/conversations decides when each runs).
import { and, eq, sql } from 'drizzle-orm';
import { newestFirst, pageOver, type Page } from '../../core/pagination.ts';
import { notHidden } from '../../core/timelines/home-rule.ts';
import type { Db } from '../db.ts';
import { type AccountConversation, accountConversations } from '../schema/index.ts';

const ids = (list: readonly string[]) => `{${list.join(',')}}`;

/**
 * A direct message reached `recipients` (its author among them when local): each local one's
 * conversation gains the message's members and, when it is the newest, becomes unread for all but
 * the author. Returns the accounts whose conversation was written.
 */
export async function recordDirect(db: Db, m: { statusId: string; authorId: string; members: readonly string[]; recipients: readonly string[] }): Promise<string[]> {
  if (m.recipients.length === 0) return [];
  const { rows } = await db.execute<{ account_id: string }>(sql`
    insert into account_conversations as ac (account_id, conversation_id, participant_ids, last_status_id, unread)
    select p.id, s.conversation_id, array(select x from unnest(${ids(m.members)}::bigint[]) x where x <> p.id), s.id, p.id <> ${m.authorId}
    from statuses s cross join unnest(${ids(m.recipients)}::bigint[]) p(id) join users u on u.account_id = p.id
    where s.id = ${m.statusId}
    on conflict (account_id, conversation_id) do update set
      participant_ids = array(select distinct x from unnest(ac.participant_ids || excluded.participant_ids) x order by x),
      last_status_id = greatest(ac.last_status_id, excluded.last_status_id),
      unread = case when excluded.last_status_id > ac.last_status_id then excluded.unread else ac.unread end
    returning account_id::text`);
  return rows.map((r) => r.account_id);
}

export async function conversationPage(db: Db, accountId: string, page: Page): Promise<AccountConversation[]> {
  const p = pageOver(accountConversations.lastStatusId, page);
  const rows = await db
    .select()
    .from(accountConversations)
    .where(and(eq(accountConversations.accountId, accountId), p.where))
    .orderBy(p.order)
    .limit(page.limit);
  return newestFirst(rows, p.reverse);
}

const mine = (accountId: string, conversationId: string) => and(eq(accountConversations.accountId, accountId), eq(accountConversations.conversationId, conversationId));

export async function conversationOf(db: Db, accountId: string, conversationId: string): Promise<AccountConversation | undefined> {
  const [row] = await db.select().from(accountConversations).where(mine(accountId, conversationId));
  return row;
}

export async function markConversationRead(db: Db, accountId: string, conversationId: string): Promise<AccountConversation | undefined> {
  const [row] = await db.update(accountConversations).set({ unread: false }).where(mine(accountId, conversationId)).returning();
  return row;
}

export async function deleteConversation(db: Db, accountId: string, conversationId: string): Promise<boolean> {
  const rows = await db.delete(accountConversations).where(mine(accountId, conversationId)).returning({ id: accountConversations.conversationId });
  return rows.length > 0;
}

/**
 * A deleted direct message was the newest of these accounts' conversations: each falls back to its
 * newest remaining message there (written by or addressed to the account), or goes.
 */
export async function afterDirectRemoved(db: Db, statusId: string, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.execute(sql`
    with stale as (
      select account_id, conversation_id from account_conversations
      where account_id = any(${ids(accountIds)}::bigint[]) and last_status_id = ${statusId}
    ), newest as (
      select st.account_id, st.conversation_id, (
        select max(s.id) from statuses s
        where s.conversation_id = st.conversation_id and s.visibility = 'direct'
          and (s.account_id = st.account_id or exists (select 1 from status_mentions m where m.status_id = s.id and m.account_id = st.account_id))
      ) as id from stale st
    ), gone as (
      delete from account_conversations ac using newest n
      where ac.account_id = n.account_id and ac.conversation_id = n.conversation_id and n.id is null
    )
    update account_conversations ac set last_status_id = n.id from newest n
    where ac.account_id = n.account_id and ac.conversation_id = n.conversation_id and n.id is not null`);
}

/**
 * Direct messages the account wrote or was addressed in, newest first (the direct timeline); none
 * from an author it blocks or mutes, or whose server it blocks (as its conversations record none).
 */
export async function directStatusIds(db: Db, accountId: string, page: Page): Promise<string[]> {
  const bounds = (id: ReturnType<typeof sql.raw>) => {
    const parts = [sql`true`];
    if (page.maxId) parts.push(sql`${id} < ${page.maxId}`);
    if (page.sinceId) parts.push(sql`${id} > ${page.sinceId}`);
    if (page.minId) parts.push(sql`${id} > ${page.minId}`);
    return sql.join(parts, sql` and `);
  };
  const order = sql.raw(page.minId ? 'asc' : 'desc');
  // Each side walks its own index (statuses by author, mentions by account) for one page.
  const { rows } = await db.execute<{ id: string }>(sql`
    select id::text as id from (
      (select s.id from statuses s where s.account_id = ${accountId} and s.visibility = 'direct' and ${bounds(sql.raw('s.id'))} order by s.id ${order} limit ${page.limit})
      union
      (select m.status_id from status_mentions m join statuses s on s.id = m.status_id
        where m.account_id = ${accountId} and s.visibility = 'direct' and ${bounds(sql.raw('m.status_id'))}
          and ${notHidden(sql`${accountId}::bigint`, sql`= s.account_id`)} order by m.status_id ${order} limit ${page.limit})
    ) x order by id ${order} limit ${page.limit}`);
  return newestFirst(rows, Boolean(page.minId)).map((r) => r.id);
}
