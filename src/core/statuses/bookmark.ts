// Bookmarking a status (its original, for a reblog), or no longer.
import type { Db } from '../../store/db.ts';
import { addBookmark, removeBookmark } from '../../store/statuses/interactions.ts';
import type { Account } from '../accounts/service.ts';
import type { IdGenerator } from '../ids.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { StatusView } from './views.ts';

export function createBookmark(deps: { db: Db; ids: IdGenerator; access: StatusAccess; changes: StatusChanges }) {
  const { db, ids, access, changes } = deps;
  return async function bookmark(actor: Account, id: string, on: boolean): Promise<StatusView> {
    const target = await access.original(actor.id, id);
    if (on) await addBookmark(db, ids(), actor.id, target.id);
    else await removeBookmark(db, actor.id, target.id);
    await changes.committed({ viewerIds: [actor.id] });
    return access.view(actor.id, target.id);
  };
}
