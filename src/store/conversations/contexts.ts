// The names other servers give threads (a note's ActivityPub `context`), and the thread each names here.
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db.ts';
import { conversationContexts } from '../schema/index.ts';

export async function conversationNamed(db: Db, uri: string): Promise<string | undefined> {
  const [row] = await db.select({ id: conversationContexts.conversationId }).from(conversationContexts).where(eq(conversationContexts.uri, uri));
  return row?.id;
}

/** The name another server gave this thread, if it came from one. */
export async function nameOfConversation(db: Db, conversationId: string): Promise<string | undefined> {
  const [row] = await db.select({ uri: conversationContexts.uri }).from(conversationContexts).where(eq(conversationContexts.conversationId, conversationId)).orderBy(conversationContexts.uri).limit(1);
  return row?.uri;
}

/** Remembers another server's name for a thread (the first thread it named stays). */
export async function nameConversation(tx: DbOrTx, uri: string, conversationId: string): Promise<void> {
  await tx.insert(conversationContexts).values({ uri, conversationId }).onConflictDoNothing();
}

/**
 * Whether the account wrote in the thread or was addressed there (its first status by the primary
 * key, the others by statuses_conversation_idx, which holds replies only).
 */
export async function takesPartIn(db: Db, conversationId: string, accountId: string): Promise<boolean> {
  const { rows } = await db.execute<{ yes: boolean }>(sql`
    select exists (
      select 1 from statuses s
      where (s.id = ${conversationId} or (s.conversation_id = ${conversationId} and s.conversation_id <> s.id))
        and (s.account_id = ${accountId} or exists (select 1 from status_mentions m where m.status_id = s.id and m.account_id = ${accountId}))
    ) as yes`);
  return Boolean(rows[0]?.yes);
}
