// NotificationRequest and NotificationPolicy (v2, and the v1 shape some apps still read).
import type { PolicyView } from '../../../core/notifications/service.ts';
import type { NotificationRequestView } from '../../../core/notifications/views.ts';
import { serializeAccount, type UrlContext } from './account.ts';
import { serializeStatus } from './status.ts';

export function serializeNotificationRequest(view: NotificationRequestView, ctx: UrlContext) {
  const r = view.request;
  return {
    id: r.id,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    account: serializeAccount(view.account, ctx),
    // A string, as Mastodon sends it.
    notifications_count: String(r.notificationsCount),
    last_status: view.lastStatus ? serializeStatus(view.lastStatus, ctx) : null,
  };
}

const summaryOf = (p: PolicyView) => ({ pending_requests_count: p.summary.pendingRequests, pending_notifications_count: p.summary.pendingNotifications });

export function serializeNotificationPolicy(p: PolicyView) {
  return {
    for_not_following: p.forNotFollowing,
    for_not_followers: p.forNotFollowers,
    for_new_accounts: p.forNewAccounts,
    for_private_mentions: p.forPrivateMentions,
    for_limited_accounts: p.forLimitedAccounts,
    summary: summaryOf(p),
  };
}

/** The v1 policy: each kind of sender filtered or not (a drop reads as filtered). */
export function serializeV1NotificationPolicy(p: PolicyView) {
  return {
    filter_not_following: p.forNotFollowing !== 'accept',
    filter_not_followers: p.forNotFollowers !== 'accept',
    filter_new_accounts: p.forNewAccounts !== 'accept',
    filter_private_mentions: p.forPrivateMentions !== 'accept',
    summary: summaryOf(p),
  };
}
