// /api/v2/notifications: notifications in groups (Mastodon 4.3's grouped notifications).
import { Hono } from 'hono';
import { z } from 'zod';
import type { GroupsQuery, NotificationGroup } from '../../core/notifications/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zInt, zString } from '../params.ts';
import { serializeAccount, urlContext } from './entities/account.ts';
import { serializeGroupedNotifications } from './entities/notification-group.ts';
import { countLimit, filterOf, filterParams, judged, notificationTypes } from './notification-params.ts';

const groupParams = filterParams.extend({ grouped_types: notificationTypes.optional(), expand_accounts: zString.optional() });
const countParams = groupParams.extend({ limit: zInt.optional() });

const queryOf = (p: z.output<typeof groupParams>): GroupsQuery => ({ filter: filterOf(p), groupedTypes: p.grouped_types });

/** `full` (the default) or `partial_avatars`; anything else is refused as Mastodon refuses it. */
function partialAvatars(value: string | undefined): boolean {
  if (value === undefined || value === 'full') return false;
  if (value === 'partial_avatars') return true;
  throw new ApiError(400, `Invalid value for 'expand_accounts': '${value}', allowed values are 'full' and 'partial_avatars'`);
}

export function notificationsGroupedRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const { notifications, notificationViews } = core;

  /** The groups as the viewer sees them, keyword filters applied. */
  async function render(viewerId: string, groups: NotificationGroup[], partial: boolean) {
    const views = await notificationViews.hydrateGroups(viewerId, groups);
    const { hidden, matches } = await judged(
      core,
      viewerId,
      views.map((v) => v.status),
    );
    return serializeGroupedNotifications(
      views.filter((v) => !hidden(v.status)),
      urls,
      { partialAvatars: partial, matches },
    );
  }

  app.get('/api/v2/notifications', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const p = await input(c, groupParams);
    const partial = partialAvatars(p.expand_accounts);
    const result = await notifications.groups(account.id, queryOf(p), await pageParams(c, { defaultLimit: 40, maxLimit: 80 }));
    setLinkHeader(c, config.origin, result);
    return c.json(await render(account.id, result.items, partial));
  });

  app.get('/api/v2/notifications/unread_count', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const p = await input(c, countParams);
    return c.json({ count: await notifications.unreadGroupCount(account.id, queryOf(p), countLimit(p.limit)) });
  });

  app.get('/api/v2/notifications/:group_key', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const group = await notifications.group(account.id, c.req.param('group_key'));
    const body = await render(account.id, [group], false);
    if (body.notification_groups.length === 0) return c.json({ error: 'Record not found' }, 404);
    return c.json(body);
  });

  app.post('/api/v2/notifications/:group_key/dismiss', async (c) => {
    const { account } = await auth.user(c, 'write:notifications');
    await notifications.dismissGroup(account.id, c.req.param('group_key'));
    return c.json({});
  });

  app.get('/api/v2/notifications/:group_key/accounts', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const result = await notifications.groupAccounts(account.id, c.req.param('group_key'), await pageParams(c, { defaultLimit: 40, maxLimit: 80 }));
    setLinkHeader(c, config.origin, result);
    const senders = await notificationViews.senders(
      account.id,
      result.items.map((s) => s.accountId),
    );
    return c.json(senders.map((a) => serializeAccount(a, urls)));
  });

  return app;
}
