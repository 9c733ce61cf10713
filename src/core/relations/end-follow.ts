// The ways a follow (or a request) ends, inside the transaction of the verb that ends it.
import type { DbOrTx } from '../../store/db.ts';
import { deletePin } from '../../store/relations/endorsements.ts';
import { bumpFollowCounts, deleteFollow, removeFromOwnersLists } from '../../store/relations/follows.ts';
import { takeRequest } from '../../store/relations/requests.ts';
import type { Account } from '../accounts/types.ts';
import { isRemote } from '../outbox.ts';
import type { RelationsDeps } from './deps.ts';

/** Removes a follow (if any) with its counts and the follower's endorsement of the account; returns it. */
export async function endFollow(deps: RelationsDeps, tx: DbOrTx, followerId: string, targetId: string): Promise<{ id: string; uri: string | null } | undefined> {
  const gone = await deleteFollow(tx, followerId, targetId);
  if (gone) {
    await bumpFollowCounts(tx, followerId, targetId, -1);
    // The follower's home feed forgets the unfollowed account's posts, and its lists the account.
    await deps.jobs.enqueue(tx, 'feed.unmerge', { accountId: followerId, authorId: targetId });
    await removeFromOwnersLists(tx, followerId, targetId);
    // Only a followed account can be endorsed (as in Mastodon, the endorsement ends with the follow).
    await deletePin(tx, followerId, targetId);
  }
  return gone;
}

/** Withdraws a follow or a pending request; a local account tells the remote server it left. */
export async function leave(deps: RelationsDeps, tx: DbOrTx, follower: Account, followed: Account): Promise<void> {
  const gone = await endFollow(deps, tx, follower.id, followed.id);
  const request = await takeRequest(tx, follower.id, followed.id);
  const was = gone ?? request;
  if (was && isRemote(followed) && !isRemote(follower)) {
    await deps.outbox.publish(tx, { type: 'unfollow', accountId: follower.id, targetId: followed.id, followId: was.id, uri: was.uri });
  }
}

/** Ends a remote account's follow of (or request to) a local one, telling its server (Reject). */
export async function turnAway(deps: RelationsDeps, tx: DbOrTx, followed: Account, follower: Account): Promise<void> {
  const gone = await endFollow(deps, tx, follower.id, followed.id);
  const request = await takeRequest(tx, follower.id, followed.id);
  if ((gone || request) && isRemote(follower) && !isRemote(followed)) {
    await deps.outbox.publish(tx, { type: 'follow.rejected', accountId: follower.id, targetId: followed.id, uri: gone?.uri ?? request?.uri ?? null });
  }
}
