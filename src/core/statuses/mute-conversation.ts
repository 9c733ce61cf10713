// Muting the conversation a status belongs to (no notifications from it), or no longer.
import type { Db } from '../../store/db.ts';
import { muteConversation as mute, unmuteConversation } from '../../store/statuses/interactions.ts';
import type { Account } from '../accounts/service.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { StatusView } from './views.ts';

export function createMuteConversation(deps: { db: Db; access: StatusAccess; changes: StatusChanges }) {
  const { db, access, changes } = deps;
  return async function muteConversation(actor: Account, id: string, on: boolean): Promise<StatusView> {
    const target = await access.visible(actor.id, id);
    if (on) await mute(db, actor.id, target.conversationId);
    else await unmuteConversation(db, actor.id, target.conversationId);
    await changes.committed({ viewerIds: [actor.id] });
    return access.view(actor.id, id);
  };
}
