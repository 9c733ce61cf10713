// Reading lists: the owner's lists, one with its members (for its stream), a page of members, and
// the lists holding an account.
import type { Db } from '../../store/db.ts';
import { listsContaining, listsOf, listWithMembers } from '../../store/lists/lists.ts';
import { memberRows } from '../../store/lists/members.ts';
import { NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import { paged, readPage, type Page, type Paged } from '../pagination.ts';
import { ownList, type List } from './deps.ts';

export function createListReads(db: Db) {
  return {
    get: (ownerId: string, id: string): Promise<List> => ownList(db, ownerId, id),

    all: (ownerId: string): Promise<List[]> => listsOf(db, ownerId),

    /** The owner's list and its members' ids, for its stream. */
    async withMembers(ownerId: string, id: string): Promise<{ list: List; members: string[] }> {
      if (!isId(id)) throw new NotFoundError();
      const [row] = (await listWithMembers(db, { id, owner: ownerId })).rows;
      if (!row) throw new NotFoundError();
      const list: List = { id: row.id, accountId: row.account_id, title: row.title, repliesPolicy: row.replies_policy, exclusive: row.exclusive, createdAt: row.created_at };
      return { list, members: row.members };
    },

    /** Members, newest added first; a limit of 0 means all of them (as Mastodon). */
    async members(ownerId: string, id: string, page: Page): Promise<Paged<{ cursor: string; accountId: string }>> {
      const list = await ownList(db, ownerId, id);
      const rows = await readPage(page, (over) => memberRows(db, list.id, { over, limit: page.limit }));
      return paged(rows, (r) => r.cursor);
    },

    /** The owner's lists that hold this account. */
    async containing(ownerId: string, accountId: string): Promise<List[]> {
      if (!isId(accountId)) throw new NotFoundError();
      return listsContaining(db, ownerId, accountId);
    },
  };
}
