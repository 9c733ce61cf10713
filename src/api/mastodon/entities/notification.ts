import type { FilterMatch } from '../../../core/filters/service.ts';
import { ungroupedKey } from '../../../core/notifications/group-key.ts';
import type { NotificationView } from '../../../core/notifications/views.ts';
import { serializeAccount, type UrlContext } from './account.ts';
import { serializeStatus } from './status.ts';

export function serializeNotification(view: NotificationView, ctx: UrlContext, filtered?: FilterMatch[]) {
  const n = view.notification;
  return {
    id: n.id,
    type: n.type,
    created_at: n.createdAt.toISOString(),
    // The group it belongs to whatever a client groups (Mastodon's streaming and v1 do the same).
    group_key: n.groupKey ?? ungroupedKey(n.id),
    account: serializeAccount(view.account, ctx),
    ...(view.status ? { status: serializeStatus(view.status, ctx, filtered ? { filtered } : {}) } : {}),
  };
}
