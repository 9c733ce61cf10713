// Which status an account may act on: 404 for one it may not see, so its existence is not revealed.
import { isId } from '../ids.ts';
import type { Db } from '../../store/db.ts';
import { statusOf } from '../../store/statuses/rows.ts';
import type { Account } from '../accounts/service.ts';
import { NotFoundError } from '../errors.ts';
import type { Status, StatusView, StatusViews } from './views.ts';

export function createStatusAccess(deps: { db: Db; views: StatusViews }) {
  const { db, views } = deps;

  async function visible(viewerId: string | null, id: string): Promise<Status> {
    const row = await views.visibleRow(viewerId, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    visible,

    /** One of the author's own statuses (not a reblog). */
    async own(author: Account, id: string): Promise<Status> {
      if (!isId(id)) throw new NotFoundError();
      const row = await statusOf(db, author.id, id);
      if (!row || row.reblogOfId) throw new NotFoundError();
      return row;
    },

    async view(viewerId: string | null, id: string): Promise<StatusView> {
      const v = await views.one(viewerId, id);
      if (!v) throw new NotFoundError();
      return v;
    },

    /** Favourites, reblogs and bookmarks act on the original of a reblog. */
    async original(viewerId: string, id: string): Promise<Status> {
      const s = await visible(viewerId, id);
      return s.reblogOfId ? visible(viewerId, s.reblogOfId) : s;
    },
  };
}

export type StatusAccess = ReturnType<typeof createStatusAccess>;
