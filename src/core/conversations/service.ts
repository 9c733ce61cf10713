// Private conversations as Mastodon's API gives them: a page of the viewer's threads of direct
// messages (the others in each, the newest message, unread or not), reading and leaving one, and
// the direct timeline. Recording happens at fan-out (record.ts).
import type { Db } from '../../store/db.ts';
import { afterDirectRemoved, conversationOf, conversationPage, deleteConversation, directStatusIds, markConversationRead } from '../../store/conversations/rows.ts';
import type { AccountConversation } from '../../store/schema/conversations.ts';
import type { AccountViews, AccountView } from '../accounts/views.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import type { StatusRemoval } from '../jobs.ts';
import type { Page, Paged } from '../pagination.ts';
import type { StatusView, StatusViews } from '../statuses/views.ts';
import { pageOf } from '../timelines/status-pages.ts';

export interface ConversationView {
  id: string;
  unread: boolean;
  accounts: AccountView[];
  lastStatus: StatusView;
}

export function createConversations(deps: { db: Db; views: StatusViews; accountViews: AccountViews }) {
  const { db, views, accountViews } = deps;

  /** Rows as views; a row whose newest message the viewer can no longer see is left out. */
  async function viewsOf(viewerId: string, rows: AccountConversation[]): Promise<ConversationView[]> {
    const [statuses, accounts] = await Promise.all([
      views.hydrate(
        viewerId,
        rows.map((r) => r.lastStatusId),
      ),
      accountViews.cachedByIds(rows.flatMap((r) => r.participantIds)),
    ]);
    const byId = new Map(statuses.map((v) => [v.status.id, v]));
    return rows.flatMap((r) => {
      const lastStatus = byId.get(r.lastStatusId);
      if (!lastStatus) return [];
      const others = r.participantIds.flatMap((id) => accounts.get(id) ?? []);
      return [{ id: r.conversationId, unread: r.unread, accounts: others, lastStatus }];
    });
  }

  async function own(viewerId: string, id: string): Promise<AccountConversation> {
    const row = isId(id) ? await conversationOf(db, viewerId, id) : undefined;
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    async page(viewerId: string, page: Page): Promise<Paged<ConversationView>> {
      const rows = await conversationPage(db, viewerId, page);
      const items = await viewsOf(viewerId, rows);
      // Cursors follow the rows (Mastodon pages conversations by their newest message).
      return { items, cursors: rows.length > 0 ? { newest: rows[0]!.lastStatusId, oldest: rows[rows.length - 1]!.lastStatusId } : null };
    },

    /** One of the viewer's conversations, by id (the thread's): for the direct stream and the API. */
    async one(viewerId: string, id: string): Promise<ConversationView> {
      const [view] = await viewsOf(viewerId, [await own(viewerId, id)]);
      if (!view) throw new NotFoundError();
      return view;
    },

    async read(viewerId: string, id: string): Promise<ConversationView> {
      await own(viewerId, id);
      const row = await markConversationRead(db, viewerId, id);
      const [view] = row ? await viewsOf(viewerId, [row]) : [];
      if (!view) throw new NotFoundError();
      return view;
    },

    /** Leaves the conversation's list (the messages stay; a new one brings it back). */
    async remove(viewerId: string, id: string): Promise<void> {
      if (!isId(id) || !(await deleteConversation(db, viewerId, id))) throw new NotFoundError();
    },

    /** A deleted direct message: the conversations it was newest in fall back to the one before. */
    async statusRemoved(removal: StatusRemoval): Promise<void> {
      if (removal.direct) await afterDirectRemoved(db, removal.statusId, removal.accountIds);
    },

    /** Direct messages the viewer wrote or was addressed in. */
    async direct(viewerId: string, page: Page): Promise<Paged<StatusView>> {
      const ids = await directStatusIds(db, viewerId, page);
      return pageOf(await views.hydrate(viewerId, ids), ids);
    },
  };
}

export type Conversations = ReturnType<typeof createConversations>;
