// Follows, follow requests, blocks, mutes, endorsements and notes between accounts, and the relationships they make:
// one file per verb; each announces what it changed once committed (see core/changes).
import { createBlock } from './block.ts';
import { createCollections } from './collections.ts';
import type { RelationsDeps } from './deps.ts';
import { createEndorse } from './endorse.ts';
import { createFollow } from './follow.ts';
import { createFollowRequests } from './follow-requests.ts';
import { createDomainBlock } from './domain-block.ts';
import { createMute } from './mute.ts';
import { createNote } from './note.ts';
import { createRelationships } from './relationships.ts';
import { createUnfollow } from './unfollow.ts';

export type { AccountSet, FollowOptions, Relationship, ViewerContext } from './types.ts';
export { NO_VIEWER } from './types.ts';

export function createRelations(deps: RelationsDeps) {
  return {
    ...createRelationships(deps.db),
    ...createCollections(deps.db),
    ...createFollow(deps),
    ...createUnfollow(deps),
    ...createFollowRequests(deps),
    ...createBlock(deps),
    ...createMute(deps),
    ...createEndorse(deps),
    ...createNote(deps),
    ...createDomainBlock(deps),
  };
}

export type Relations = ReturnType<typeof createRelations>;
