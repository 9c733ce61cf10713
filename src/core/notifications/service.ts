// Notifications: made in the transaction of what causes them (notify), read one by one or in
// groups, counted unread, dismissed; the recipient's policy and the requests it fills. One file
// per verb, behind this facade.
import type { NotificationsDeps } from './deps.ts';
import { createDismissals } from './dismiss.ts';
import { createGroupReads } from './groups.ts';
import { createNotify } from './notify.ts';
import { createPolicyVerbs } from './policy.ts';
import { createNotificationReads } from './read.ts';
import { createRequestVerbs } from './requests.ts';
import { createUnreadCounts } from './unread.ts';

export type { NewNotification, NotificationFilter, NotificationRow, NotificationType } from './deps.ts';
export { NOTIFICATION_TYPES } from './deps.ts';
export type { GroupsQuery, NotificationGroup } from './groups.ts';
export type { PolicyChanges, PolicyView } from './policy.ts';
export type { PendingRequest } from './requests.ts';

export function createNotifications(deps: NotificationsDeps) {
  const groups = createGroupReads(deps);
  return {
    ...createNotify(deps),
    ...createNotificationReads(deps),
    ...groups,
    ...createDismissals(deps),
    ...createUnreadCounts(deps, groups),
    ...createPolicyVerbs(deps),
    ...createRequestVerbs(deps),
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
