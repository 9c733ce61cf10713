// GroupedNotificationsResults (Mastodon's v2 notifications): the groups, and each account and
// status they name once at the top.
import type { AccountView } from '../../../core/accounts/views.ts';
import type { FilterMatch } from '../../../core/filters/service.ts';
import type { NotificationGroupView } from '../../../core/notifications/views.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import { serializeAccount, type UrlContext } from './account.ts';
import { serializeStatus } from './status.ts';

/** Mastodon's PartialAccountWithAvatar: enough to draw an avatar. */
function partialAccount(view: AccountView, ctx: UrlContext) {
  const a = serializeAccount(view, ctx);
  return { id: a.id, acct: a.acct, locked: a.locked, bot: a.bot, url: a.url, avatar: a.avatar, avatar_static: a.avatar_static };
}

function serializeGroup(view: NotificationGroupView) {
  const g = view.group;
  return {
    group_key: g.key,
    notifications_count: g.count,
    type: g.type,
    // A string, as Mastodon's documentation types it: snowflake ids do not fit a JavaScript number.
    most_recent_notification_id: g.mostRecentId,
    ...(g.page ? { page_min_id: g.page.minId, page_max_id: g.page.maxId, latest_page_notification_at: g.page.latestAt.toISOString() } : {}),
    sample_account_ids: view.sampleAccounts.map((a) => a.account.id),
    ...(g.statusId ? { status_id: g.statusId } : {}),
  };
}

export interface GroupedOptions {
  /** `expand_accounts=partial_avatars`: only each group's newest sender in full */
  partialAvatars: boolean;
  /** keyword filters that matched statuses (warn), by status id */
  matches: Map<string, FilterMatch[]>;
}

export function serializeGroupedNotifications(views: NotificationGroupView[], ctx: UrlContext, options: GroupedOptions) {
  const full = new Map<string, AccountView>();
  const partial = new Map<string, AccountView>();
  const statuses = new Map<string, StatusView>();
  for (const v of views) {
    for (const [i, a] of v.sampleAccounts.entries()) (!options.partialAvatars || i === 0 ? full : partial).set(a.account.id, a);
    if (v.status) statuses.set(v.status.status.id, v.status);
  }
  for (const id of full.keys()) partial.delete(id);
  return {
    accounts: [...full.values()].map((a) => serializeAccount(a, ctx)),
    ...(options.partialAvatars ? { partial_accounts: [...partial.values()].map((a) => partialAccount(a, ctx)) } : {}),
    statuses: [...statuses.values()].map((s) => {
      const filtered = options.matches.get(s.status.id);
      return serializeStatus(s, ctx, filtered ? { filtered } : {});
    }),
    notification_groups: views.map(serializeGroup),
  };
}
