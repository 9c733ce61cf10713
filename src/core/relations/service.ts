// Follows, follow requests, blocks and mutes between accounts, and the relationships they make:
// one file per verb; each announces what it changed once committed (see core/changes).
import type { Db } from '../../store/db.ts';
import type { Jobs } from '../../infra/jobs.ts';
import type { Changes } from '../changes.ts';
import type { IdGenerator } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import { createBlock } from './block.ts';
import { createCollections } from './collections.ts';
import type { RelationsDeps } from './deps.ts';
import { createFollow } from './follow.ts';
import { createFollowRequests } from './follow-requests.ts';
import { createMute } from './mute.ts';
import { createRelationships } from './relationships.ts';
import { createUnfollow } from './unfollow.ts';

export type { AccountSet, FollowOptions, Relationship, ViewerContext } from './types.ts';
export { NO_VIEWER } from './types.ts';

export function createRelations(deps: { db: Db; ids: IdGenerator; jobs: Jobs; notifications: Notifications; outbox: Outbox; changes: Changes }) {
  const verbs: RelationsDeps = deps;
  return {
    ...createRelationships(deps.db),
    ...createCollections(deps.db),
    ...createFollow(verbs),
    ...createUnfollow(verbs),
    ...createFollowRequests(verbs),
    ...createBlock(verbs),
    ...createMute(verbs),
  };
}

export type Relations = ReturnType<typeof createRelations>;
