// What accounts do to statuses of others: favourites, bookmarks, muted conversations.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { bookmarks, conversationMutes, favourites } from '../schema/index.ts';

/** The new favourite's id, or undefined if the account had favourited the status already. */
export async function addFavourite(tx: DbOrTx, id: string, accountId: string, statusId: string): Promise<string | undefined> {
  const [made] = await tx.insert(favourites).values({ id, accountId, statusId }).onConflictDoNothing().returning({ id: favourites.id });
  return made?.id;
}

/** The removed favourite's id, or undefined if there was none. */
export async function removeFavourite(tx: DbOrTx, accountId: string, statusId: string): Promise<string | undefined> {
  const [gone] = await tx
    .delete(favourites)
    .where(and(eq(favourites.accountId, accountId), eq(favourites.statusId, statusId)))
    .returning({ id: favourites.id });
  return gone?.id;
}

export async function addBookmark(db: DbOrTx, id: string, accountId: string, statusId: string): Promise<void> {
  await db.insert(bookmarks).values({ id, accountId, statusId }).onConflictDoNothing();
}

export async function removeBookmark(db: DbOrTx, accountId: string, statusId: string): Promise<void> {
  await db.delete(bookmarks).where(and(eq(bookmarks.accountId, accountId), eq(bookmarks.statusId, statusId)));
}

export async function muteConversation(db: DbOrTx, accountId: string, conversationId: string): Promise<void> {
  await db.insert(conversationMutes).values({ accountId, conversationId }).onConflictDoNothing();
}

export async function unmuteConversation(db: DbOrTx, accountId: string, conversationId: string): Promise<void> {
  await db.delete(conversationMutes).where(and(eq(conversationMutes.accountId, accountId), eq(conversationMutes.conversationId, conversationId)));
}
