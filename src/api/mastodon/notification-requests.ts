// The notification policy (/api/v2/notifications/policy, and the v1 shape) and the requests it
// fills (/api/v1/notifications/requests).
import { Hono } from 'hono';
import { z } from 'zod';
import type { PolicyChanges } from '../../core/notifications/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zBool, zList, zString } from '../params.ts';
import { urlContext } from './entities/account.ts';
import { serializeNotificationPolicy, serializeNotificationRequest, serializeV1NotificationPolicy } from './entities/notification-request.ts';

const policyParams = z.object({
  for_not_following: zString.optional(),
  for_not_followers: zString.optional(),
  for_new_accounts: zString.optional(),
  for_private_mentions: zString.optional(),
  for_limited_accounts: zString.optional(),
});
const v1PolicyParams = z.object({
  filter_not_following: zBool.optional(),
  filter_not_followers: zBool.optional(),
  filter_new_accounts: zBool.optional(),
  filter_private_mentions: zBool.optional(),
});
const idsParams = z.object({ id: zList(zString).optional() });

/** A v1 choice: filtered, or accepted. */
const v1Action = (filter: boolean | undefined): string | undefined => (filter === undefined ? undefined : filter ? 'filter' : 'accept');

export function notificationRequestsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const { notifications, notificationViews } = core;
  const reader = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'read:notifications');
  const writer = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'write:notifications');

  app.get('/api/v2/notifications/policy', async (c) => {
    const { account } = await reader(c);
    return c.json(serializeNotificationPolicy(await notifications.policy(account.id)));
  });
  // Rails routes an update as PATCH or PUT (masto.js sends PUT).
  app.on(['PATCH', 'PUT'], '/api/v2/notifications/policy', async (c) => {
    const { account } = await writer(c);
    const p = await input(c, policyParams);
    const changes: PolicyChanges = {
      forNotFollowing: p.for_not_following,
      forNotFollowers: p.for_not_followers,
      forNewAccounts: p.for_new_accounts,
      forPrivateMentions: p.for_private_mentions,
      forLimitedAccounts: p.for_limited_accounts,
    };
    return c.json(serializeNotificationPolicy(await notifications.updatePolicy(account.id, changes)));
  });
  app.get('/api/v1/notifications/policy', async (c) => {
    const { account } = await reader(c);
    return c.json(serializeV1NotificationPolicy(await notifications.policy(account.id)));
  });
  app.on(['PATCH', 'PUT'], '/api/v1/notifications/policy', async (c) => {
    const { account } = await writer(c);
    const p = await input(c, v1PolicyParams);
    const changes: PolicyChanges = {
      forNotFollowing: v1Action(p.filter_not_following),
      forNotFollowers: v1Action(p.filter_not_followers),
      forNewAccounts: v1Action(p.filter_new_accounts),
      forPrivateMentions: v1Action(p.filter_private_mentions),
    };
    return c.json(serializeV1NotificationPolicy(await notifications.updatePolicy(account.id, changes)));
  });

  app.get('/api/v1/notifications/requests', async (c) => {
    const { account } = await reader(c);
    const result = await notifications.requests(account.id, await pageParams(c, { defaultLimit: 40, maxLimit: 80 }));
    setLinkHeader(c, config.origin, result);
    return c.json((await notificationViews.hydrateRequests(account.id, result.items)).map((v) => serializeNotificationRequest(v, urls)));
  });
  // Accepting is done when it answers: the notifications are merged already.
  app.get('/api/v1/notifications/requests/merged', async (c) => {
    await reader(c);
    return c.json({ merged: true });
  });
  app.post('/api/v1/notifications/requests/accept', async (c) => {
    const { account } = await writer(c);
    await notifications.acceptRequests(account.id, (await input(c, idsParams)).id ?? []);
    return c.json({});
  });
  app.post('/api/v1/notifications/requests/dismiss', async (c) => {
    const { account } = await writer(c);
    await notifications.dismissRequests(account.id, (await input(c, idsParams)).id ?? []);
    return c.json({});
  });
  app.get('/api/v1/notifications/requests/:id', async (c) => {
    const { account } = await reader(c);
    const [view] = await notificationViews.hydrateRequests(account.id, [await notifications.request(account.id, c.req.param('id'))]);
    if (!view) return c.json({ error: 'Record not found' }, 404);
    return c.json(serializeNotificationRequest(view, urls));
  });
  app.post('/api/v1/notifications/requests/:id/accept', async (c) => {
    const { account } = await writer(c);
    await notifications.acceptRequest(account.id, c.req.param('id'));
    return c.json({});
  });
  app.post('/api/v1/notifications/requests/:id/dismiss', async (c) => {
    const { account } = await writer(c);
    await notifications.dismissRequest(account.id, c.req.param('id'));
    return c.json({});
  });

  return app;
}
