// Pinning one's own status to one's profile (a few at most), or no longer.
import type { Db } from '../../store/db.ts';
import { deletePin, insertPin, isPinned, lockPins, pinCount } from '../../store/statuses/pins.ts';
import type { Account } from '../accounts/service.ts';
import { ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { StatusView } from './views.ts';

const MAX_PINS = 5;

export function createPin(deps: { db: Db; ids: IdGenerator; access: StatusAccess; changes: StatusChanges }) {
  const { db, ids, access, changes } = deps;
  return async function pin(actor: Account, id: string, on: boolean): Promise<StatusView> {
    const target = await access.own(actor, id);
    if (on) {
      if (target.visibility === 'direct') throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'Direct messages cannot be pinned' }] });
      await db.transaction(async (tx) => {
        // Serialise pins of one account so two at once cannot both slip under the limit.
        await lockPins(tx, actor.id);
        const count = await pinCount(tx, actor.id);
        if (await isPinned(tx, actor.id, id)) return;
        if (count >= MAX_PINS) throw new ValidationError({ base: [{ error: 'ERR_TOO_LONG', description: `You can pin at most ${MAX_PINS} posts` }] });
        await insertPin(tx, ids(), actor.id, id);
      });
    } else {
      await deletePin(db, actor.id, id);
    }
    await changes.committed({ viewerIds: [actor.id] });
    return access.view(actor.id, id);
  };
}
