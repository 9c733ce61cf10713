// /api/v1_alpha/async_refreshes/:id: how work a request started is going (Mastodon 4.4+).
import { Hono } from 'hono';
import { NotFoundError } from '../../core/errors.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { serializeAsyncRefresh } from './entities/async-refresh.ts';

export function asyncRefreshesRoutes(deps: ApiDeps, auth: Auth) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1_alpha/async_refreshes/:id{[A-Za-z0-9_-]{1,64}}', async (c) => {
    await auth.user(c, 'read');
    const refresh = await deps.core.refreshes.byId(c.req.param('id'));
    if (!refresh) throw new NotFoundError();
    return c.json(serializeAsyncRefresh(refresh));
  });
  return app;
}
