import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zList, zString } from '../params.ts';
import { serializeApplication, serializeCredentialApplication } from './entities/application.ts';

const createAppParams = z.object({
  client_name: zString,
  // A single string may hold several URIs separated by whitespace, as Mastodon accepts.
  redirect_uris: zList(zString).transform((list) => list.flatMap((u) => u.split(/\s+/)).filter(Boolean)),
  scopes: zString.optional(),
  website: zString.nullish(),
});

export function appsRoutes(deps: ApiDeps, auth: Auth) {
  const { core } = deps;
  const app = new Hono<AppEnv>();

  app.post('/api/v1/apps', async (c) => {
    const p = await input(c, createAppParams);
    const created = await core.oauth.createApp({ name: p.client_name, website: p.website, redirectUris: p.redirect_uris, scopes: p.scopes });
    const vapid = await core.instance.vapidKeys();
    return c.json(serializeCredentialApplication(created, vapid.publicKey));
  });

  app.get('/api/v1/apps/verify_credentials', async (c) => {
    const bearer = await auth.client(c);
    const vapid = await core.instance.vapidKeys();
    return c.json(serializeApplication(bearer.app, vapid.publicKey));
  });
  return app;
}
