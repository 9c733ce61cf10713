// Favouriting a status and taking the favourite back.
import type { Db } from '../../store/db.ts';
import { addFavourite, removeFavourite } from '../../store/statuses/interactions.ts';
import { addToCount } from '../../store/statuses/rows.ts';
import type { Account } from '../accounts/service.ts';
import type { IdGenerator } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import { isRemote, type Outbox } from '../outbox.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { StatusView } from './views.ts';

export function createFavourite(deps: { db: Db; ids: IdGenerator; notifications: Notifications; outbox: Outbox; access: StatusAccess; changes: StatusChanges }) {
  const { db, ids, notifications, outbox, access, changes } = deps;

  return {
    async favourite(actor: Account, id: string): Promise<StatusView> {
      const target = await access.original(actor.id, id);
      await db.transaction(async (tx) => {
        const made = await addFavourite(tx, ids(), actor.id, target.id);
        if (!made) return;
        await addToCount(tx, target.id, 'favourites', 1);
        await notifications.notify(tx, [{ recipientId: target.accountId, fromId: actor.id, type: 'favourite', statusId: target.id }]);
        if (!isRemote(actor) && !target.local) await outbox.publish(tx, { type: 'favourite', favouriteId: made, accountId: actor.id, statusId: target.id });
      });
      await changes.committed({ statusIds: [target.id], viewerIds: [actor.id] });
      return access.view(actor.id, target.id);
    },

    async unfavourite(actor: Account, id: string): Promise<StatusView> {
      const target = await access.original(actor.id, id);
      await db.transaction(async (tx) => {
        const gone = await removeFavourite(tx, actor.id, target.id);
        if (!gone) return;
        await addToCount(tx, target.id, 'favourites', -1);
        if (!isRemote(actor) && !target.local) await outbox.publish(tx, { type: 'unfavourite', favouriteId: gone, accountId: actor.id, statusId: target.id });
      });
      await changes.committed({ statusIds: [target.id], viewerIds: [actor.id] });
      return access.view(actor.id, target.id);
    },
  };
}
