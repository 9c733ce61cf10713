// Reblogging a status and taking the reblog back.
import type { Db } from '../../store/db.ts';
import type { Visibility } from '../../store/schema/index.ts';
import { addToCount, deleteStatus, insertReblog, reblogBy } from '../../store/statuses/rows.ts';
import type { Jobs } from '../jobs.ts';
import type { Account } from '../accounts/service.ts';
import { ValidationError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import { isRemote, type Outbox } from '../outbox.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';
import { canReblog, reblogVisibility } from '../visibility.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { Removal } from './remove.ts';
import type { StatusView } from './views.ts';

export function createReblog(deps: { db: Db; ids: IdGenerator; jobs: Jobs; notifications: Notifications; outbox: Outbox; removal: Removal; access: StatusAccess; changes: StatusChanges }) {
  const { db, ids, jobs, notifications, outbox, removal, access, changes } = deps;

  return {
    /** `uri`: the Announce's id, when a remote account reblogs. */
    async reblog(actor: Account, id: string, requested?: Visibility, remote: { uri?: string } = {}): Promise<StatusView> {
      const target = await access.original(actor.id, id);
      if (!canReblog(target, actor.id)) throw new ValidationError({ base: [{ error: 'ERR_INVALID', description: 'This status cannot be reblogged' }] });
      const existing = await reblogBy(db, actor.id, target.id);
      if (existing) return access.view(actor.id, existing.id);
      const reblogId = ids();
      await db.transaction(async (tx) => {
        const values = {
          id: reblogId,
          accountId: actor.id,
          local: actor.domain === null,
          visibility: reblogVisibility(target.visibility, requested),
          reblogOfId: target.id,
          uri: remote.uri ?? null,
          conversationId: target.conversationId,
        };
        if (!(await insertReblog(tx, values))) return;
        await addToCount(tx, target.id, 'reblogs', 1);
        await notifications.notify(tx, [{ recipientId: target.accountId, fromId: actor.id, type: 'reblog', statusId: target.id }]);
        await jobs.batches.enqueue(tx, FANOUT_QUEUE, reblogId);
        if (!isRemote(actor) && (await outbox.concernsRemote(tx, reblogId))) await outbox.publish(tx, { type: 'status.created', statusId: reblogId });
      });
      jobs.batches.wake(FANOUT_QUEUE);
      await changes.committed({ statusIds: [target.id], viewerIds: [actor.id] });
      // The reblog made here, or the one a concurrent request made first.
      const mine = await reblogBy(db, actor.id, target.id);
      return access.view(actor.id, mine!.id);
    },

    async unreblog(actor: Account, id: string): Promise<StatusView> {
      const target = await access.original(actor.id, id);
      const gone: string[] = [];
      await db.transaction(async (tx) => {
        const mine = await reblogBy(tx, actor.id, target.id);
        if (!mine) return;
        await removal.uncount(tx, [mine]);
        await removal.enqueueRemoval(tx, mine, []);
        if (!isRemote(actor) && (await outbox.concernsRemote(tx, mine.id))) {
          await outbox.publish(tx, { type: 'status.deleted', statusId: mine.id, authorId: actor.id, visibility: mine.visibility, mentionedIds: [], reblogOfId: target.id });
        }
        if (!(await deleteStatus(tx, mine.id))) return;
        await addToCount(tx, target.id, 'reblogs', -1);
        gone.push(mine.id);
      });
      await changes.committed({ statusIds: [target.id, ...gone], accountIds: [actor.id], viewerIds: [actor.id], postsOf: gone.length > 0 ? [actor.id] : [] });
      return access.view(actor.id, target.id);
    },
  };
}
