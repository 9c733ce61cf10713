// /api/v1/notifications and /api/v1/markers.
import { urlContext } from './entities/account.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zInt, zList, zString } from '../params.ts';
import { serializeNotification } from './entities/notification.ts';
import { countLimit, filterOf, filterParams, judged } from './notification-params.ts';

const markerTimeline = z.enum(['home', 'notifications']);

const countParams = filterParams.extend({ limit: zInt.optional() });
const markerReadParams = z.object({ timeline: zList(markerTimeline).optional() });
const position = z.object({ last_read_id: zString });
const markerSaveParams = z.object({ home: position.optional(), notifications: position.optional() });

export function notificationsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const { notifications, notificationViews } = core;

  app.get('/api/v1/notifications', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const filter = filterOf(await input(c, filterParams));
    const result = await notifications.list(account.id, filter, await pageParams(c, { defaultLimit: 40, maxLimit: 80 }));
    setLinkHeader(c, config.origin, result);
    const views = await notificationViews.hydrate(account.id, result.items);
    // Notifications about a status the viewer's "notifications" filters hide are left out; a warn marks the status.
    const { hidden, matches } = await judged(
      core,
      account.id,
      views.map((v) => v.status),
    );
    return c.json(views.filter((v) => !hidden(v.status)).map((v) => serializeNotification(v, urls, matches.get(v.status?.status.id ?? '') ?? [])));
  });

  app.get('/api/v1/notifications/unread_count', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const p = await input(c, countParams);
    return c.json({ count: await notifications.unreadCount(account.id, filterOf(p), countLimit(p.limit)) });
  });

  app.post('/api/v1/notifications/clear', async (c) => {
    const { account } = await auth.user(c, 'write:notifications');
    await notifications.clear(account.id);
    return c.json({});
  });

  app.get('/api/v1/notifications/:id{[0-9]+}', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const [view] = await notificationViews.hydrate(account.id, [await notifications.get(account.id, c.req.param('id'))]);
    if (!view) return c.json({ error: 'Record not found' }, 404);
    return c.json(serializeNotification(view, urls));
  });

  app.post('/api/v1/notifications/:id{[0-9]+}/dismiss', async (c) => {
    const { account } = await auth.user(c, 'write:notifications');
    await notifications.dismiss(account.id, c.req.param('id'));
    return c.json({});
  });

  app.get('/api/v1/markers', async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    const { timeline } = await input(c, markerReadParams);
    const rows = await core.markers.get(account.id, timeline ?? []);
    return c.json(Object.fromEntries(rows.map((m) => [m.timeline, { last_read_id: m.lastReadId, version: m.version, updated_at: m.updatedAt.toISOString() }])));
  });

  app.post('/api/v1/markers', async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const p = await input(c, markerSaveParams);
    const rows = await core.markers.set(account.id, {
      ...(p.home ? { home: p.home.last_read_id } : {}),
      ...(p.notifications ? { notifications: p.notifications.last_read_id } : {}),
    });
    return c.json(Object.fromEntries(rows.map((m) => [m.timeline, { last_read_id: m.lastReadId, version: m.version, updated_at: m.updatedAt.toISOString() }])));
  });
  return app;
}
