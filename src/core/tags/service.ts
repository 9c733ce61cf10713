// Hashtags (Mastodon's): shown with their week's use, followed (their public posts come home, see
// timelines/home-rule) and featured on profiles. One file per verb; the numbers they show are
// kept as statuses come and go (counts).
import { createFeatureTag } from './feature.ts';
import { createFeaturedTags } from './featured.ts';
import { createFollowTag } from './follow.ts';
import { createFollowedTags } from './followed.ts';
import type { TagsDeps } from './deps.ts';
import { createTagPrune } from './prune.ts';
import { createShowTag } from './show.ts';
import { createUnfeatureTag } from './unfeature.ts';
import { createUnfollowTag } from './unfollow.ts';
import { createTagHistory } from './history.ts';
import { createTagViews } from './views.ts';

export type { FeaturedTagView, HistoryDay, TagView } from './deps.ts';

export function createTags(deps: TagsDeps) {
  const history = createTagHistory(deps.db);
  const withViews = { ...deps, history, views: createTagViews(deps.db, history) };
  return {
    /** Tags found elsewhere (search), as the viewer sees them. */
    viewsOf: withViews.views,
    ...createShowTag(withViews),
    ...createFollowTag(withViews),
    ...createUnfollowTag(withViews),
    ...createFollowedTags(withViews),
    ...createFeatureTag(deps),
    ...createUnfeatureTag(deps),
    ...createFeaturedTags(withViews),
    prune: createTagPrune(deps),
  };
}

export type Tags = ReturnType<typeof createTags>;
