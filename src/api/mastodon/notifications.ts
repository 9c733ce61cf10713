// /api/v1/notifications and /api/v1/markers.
import { readerContext } from '../reader-languages.ts';
import { urlContext } from './entities/account.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { NOTIFICATION_TYPES } from '../../core/notifications/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zInt, zList, zString } from '../params.ts';
import { serializeNotification } from './entities/notification.ts';

// Unknown types are ignored rather than refused, so apps that know newer types keep working.
const types = zList(zString).transform((list) => list.filter((t): t is (typeof NOTIFICATION_TYPES)[number] => (NOTIFICATION_TYPES as string[]).includes(t)));
const listParams = z.object({ types: types.optional(), exclude_types: types.optional(), account_id: zString.optional() });
const markerTimeline = z.enum(['home', 'notifications']);

const limitParams = z.object({ limit: zInt.optional() });
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
    const p = await input(c, listParams);
    const result = await notifications.list(account.id, { types: p.types, excludeTypes: p.exclude_types, fromAccountId: p.account_id }, await pageParams(c, { defaultLimit: 40, maxLimit: 80 }));
    setLinkHeader(c, config.origin, result);
    const views = await notificationViews.hydrate(account.id, result.items);
    // Notifications about a status the viewer's "notifications" filters hide are left out; a warn marks the status.
    const statuses = views.flatMap((v) => (v.status ? [v.status] : []));
    const judged = await core.filters.apply(account.id, 'notifications', statuses);
    const kept = new Set(judged.views.map((s) => s.status.id));
    return c.json(views.filter((v) => !v.status || kept.has(v.status.status.id)).map((v) => serializeNotification(v, readerContext(c, urls), judged.matches.get(v.status?.status.id ?? '') ?? [])));
  });

  app.get('/api/v1/notifications/unread_count', async (c) => {
    const { account } = await auth.user(c, 'read:notifications');
    const { limit } = await input(c, limitParams);
    return c.json({ count: await notifications.unreadCount(account.id, Math.min(Math.max(limit ?? 100, 1), 1000)) });
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
    return c.json(serializeNotification(view, readerContext(c, urls)));
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
