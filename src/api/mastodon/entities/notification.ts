import type { FilterMatch } from '../../../core/filters/service.ts';
import type { NotificationView } from '../../../core/notifications/views.ts';
import { serializeAccount, type UrlContext } from './account.ts';
import { serializeStatus } from './status.ts';

export function serializeNotification(view: NotificationView, ctx: UrlContext, filtered?: FilterMatch[]) {
  const n = view.notification;
  return {
    id: n.id,
    type: n.type,
    created_at: n.createdAt.toISOString(),
    group_key: `ungrouped-${n.id}`,
    account: serializeAccount(view.account, ctx),
    ...(view.status ? { status: serializeStatus(view.status, ctx, filtered ? { filtered } : {}) } : {}),
  };
}
