// Answering follow requests: authorized, a request becomes a follow; rejected, it is gone.
import { bumpFollowCounts, insertFollow } from '../../store/relations/follows.ts';
import { countRequestsTo, hasRequest, takeRequest } from '../../store/relations/requests.ts';
import type { Account } from '../accounts/types.ts';
import { NotFoundError } from '../errors.ts';
import { isRemote } from '../outbox.ts';
import { committed, targetAccount, type RelationsDeps } from './deps.ts';
import { endFollow, turnAway } from './end-follow.ts';
import type { Relationship } from './types.ts';

export function createFollowRequests(deps: RelationsDeps) {
  const { db, jobs, outbox } = deps;
  return {
    async authorizeRequest(actor: Account, requesterId: string): Promise<Relationship> {
      const other = await targetAccount(db, requesterId);
      await db.transaction(async (tx) => {
        const request = await takeRequest(tx, other.id, actor.id);
        if (!request) throw new NotFoundError();
        // The request's id is kept: the Follow activity a local account sent is named after it.
        if (await insertFollow(tx, { ...request, createdAt: new Date() })) {
          await bumpFollowCounts(tx, other.id, actor.id, 1);
          await jobs.enqueue(tx, 'feed.merge', { accountId: other.id, authorId: actor.id });
        }
        if (isRemote(other) && !isRemote(actor)) await outbox.publish(tx, { type: 'follow.accepted', accountId: other.id, targetId: actor.id, uri: request.uri });
      });
      return committed(deps, 'follow', actor.id, other.id);
    },

    /** Turns a request down; a remote server rejecting a local account's follow also ends an accepted one. */
    async rejectRequest(actor: Account, requesterId: string): Promise<Relationship> {
      const other = await targetAccount(db, requesterId);
      await db.transaction(async (tx) => {
        if (isRemote(actor)) {
          await endFollow(deps, tx, other.id, actor.id);
          await takeRequest(tx, other.id, actor.id);
          return;
        }
        if (!(await hasRequest(tx, other.id, actor.id))) throw new NotFoundError();
        await turnAway(deps, tx, actor, other);
      });
      return committed(deps, 'follow', actor.id, other.id);
    },

    pendingRequestCount: (accountId: string): Promise<number> => countRequestsTo(db, accountId),
  };
}
