// Announcements (Mastodon's): the active ones as the user sees them, dismissing one, reacting to one.
import { Hono } from 'hono';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { serializeAnnouncement } from './entities/announcement.ts';

export function announcementsRoutes(deps: ApiDeps, auth: Auth) {
  const { announcements } = deps.core;
  const app = new Hono<AppEnv>();

  app.get('/api/v1/announcements', async (c) => {
    const { account } = await auth.user(c, 'read');
    return c.json((await announcements.active(account.id)).map(serializeAnnouncement));
  });
  app.post('/api/v1/announcements/:id/dismiss', async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    await announcements.dismiss(account.id, c.req.param('id'));
    return c.json({});
  });
  app.put('/api/v1/announcements/:id/reactions/:name', async (c) => {
    const { account } = await auth.user(c, 'write:favourites');
    await announcements.react(account.id, c.req.param('id'), c.req.param('name'));
    return c.json({});
  });
  app.delete('/api/v1/announcements/:id/reactions/:name', async (c) => {
    const { account } = await auth.user(c, 'write:favourites');
    await announcements.unreact(account.id, c.req.param('id'), c.req.param('name'));
    return c.json({});
  });
  return app;
}
