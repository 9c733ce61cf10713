// /api/v1/scheduled_statuses: one's scheduled posts, read, moved and cancelled (scheduling is
// `scheduled_at` on POST /api/v1/statuses).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zDateTime } from '../params.ts';
import { serializeScheduledStatus } from './entities/scheduled-status.ts';

const ID = '{[0-9]+}';
const moveParams = z.object({ scheduled_at: zDateTime.optional() });

export function scheduledStatusesRoutes(deps: ApiDeps, auth: Auth) {
  const { config } = deps;
  const { scheduled } = deps.core.statuses;
  const base = config.media.publicBaseUrl;
  const app = new Hono<AppEnv>();

  app.get('/api/v1/scheduled_statuses', async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    const result = await scheduled.list(account, await pageParams(c, { defaultLimit: 20, maxLimit: 40 }));
    setLinkHeader(c, config.origin, result);
    return c.json(result.items.map((s) => serializeScheduledStatus(s, base)));
  });

  app.get(`/api/v1/scheduled_statuses/:id${ID}`, async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    return c.json(serializeScheduledStatus(await scheduled.get(account, c.req.param('id')), base));
  });

  app.put(`/api/v1/scheduled_statuses/:id${ID}`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const { scheduled_at: at } = await input(c, moveParams);
    return c.json(serializeScheduledStatus(await scheduled.reschedule(account, c.req.param('id'), at), base));
  });

  app.delete(`/api/v1/scheduled_statuses/:id${ID}`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    await scheduled.cancel(account, c.req.param('id'));
    return c.json({});
  });

  return app;
}
