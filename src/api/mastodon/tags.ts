// Hashtags: one shown with its week (/api/v1/tags/:name), followed and unfollowed, featured and
// unfeatured; the followed ones (/api/v1/followed_tags) and the featured ones (/api/v1/featured_tags,
// an account's /api/v1/accounts/:id/featured_tags).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zString } from '../params.ts';
import { serializeFeaturedTag, serializeTag } from './entities/tag.ts';

const featureParams = z.object({ name: zString.optional() });
const NAME = '/:name{[^/]+}';

export function tagsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const { tags } = core;
  const { origin } = config;
  const app = new Hono<AppEnv>();
  const name = (c: { req: { param(key: 'name'): string } }) => c.req.param('name');

  app.get(`/api/v1/tags${NAME}`, async (c) => {
    const viewer = await auth.viewer(c);
    return c.json(serializeTag(await tags.show(viewer?.account.id ?? null, name(c)), origin));
  });
  app.post(`/api/v1/tags${NAME}/follow`, async (c) => {
    const { account } = await auth.user(c, 'write:follows');
    return c.json(serializeTag(await tags.follow(account.id, name(c)), origin));
  });
  app.post(`/api/v1/tags${NAME}/unfollow`, async (c) => {
    const { account } = await auth.user(c, 'write:follows');
    return c.json(serializeTag(await tags.unfollow(account.id, name(c)), origin));
  });
  app.post(`/api/v1/tags${NAME}/feature`, async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    await tags.feature(account.id, name(c));
    return c.json(serializeTag(await tags.show(account.id, name(c)), origin));
  });
  app.post(`/api/v1/tags${NAME}/unfeature`, async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    await tags.unfeatureByName(account.id, name(c));
    return c.json(serializeTag(await tags.show(account.id, name(c)), origin));
  });

  app.get('/api/v1/followed_tags', async (c) => {
    const { account } = await auth.user(c, 'read:follows');
    const result = await tags.followed(account.id, await pageParams(c, { defaultLimit: 100, maxLimit: 200 }));
    setLinkHeader(c, origin, result);
    return c.json(result.items.map((t) => serializeTag(t, origin)));
  });

  app.get('/api/v1/featured_tags', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    return c.json((await tags.featuredOf(account.id)).map((f) => serializeFeaturedTag(f, origin, account.username)));
  });
  app.post('/api/v1/featured_tags', async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    return c.json(serializeFeaturedTag(await tags.feature(account.id, (await input(c, featureParams)).name ?? ''), origin, account.username));
  });
  app.delete('/api/v1/featured_tags/:id', async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    await tags.unfeature(account.id, c.req.param('id'));
    return c.json({});
  });
  app.get('/api/v1/featured_tags/suggestions', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    return c.json((await tags.suggestions(account.id)).map((t) => serializeTag(t, origin)));
  });

  app.get('/api/v1/accounts/:id{[0-9]+}/featured_tags', async (c) => {
    await auth.viewer(c);
    const account = await core.accounts.byId(c.req.param('id'));
    if (!account) throw new ApiError(404, 'Record not found');
    // Other servers' accounts feature tags there; suspended ones show none.
    if (account.domain || account.suspendedAt) return c.json([]);
    return c.json((await tags.featuredOf(account.id)).map((f) => serializeFeaturedTag(f, origin, account.username)));
  });

  return app;
}
