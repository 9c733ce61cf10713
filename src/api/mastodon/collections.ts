// Collections (Mastodon 4.6+): make, read, change and delete them; add and remove accounts; the
// featured account revokes its own item. Answers are wrapped as Mastodon's are
// ({"collection": …}, {"collections": […]}, {"collection_item": …}), and a collection's bad
// fields answer 422 with Mastodon's nested error ({"error": {"error", "details"}}).
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../core/errors.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { offsetLinkHeader } from '../pagination.ts';
import { input, zBool, zInt, zList, zString } from '../params.ts';
import { serializeAccount, urlContext } from './entities/account.ts';
import { serializeCollection, serializeCollectionItem } from './entities/collection.ts';

const ID = '{[0-9]+}';
const fields = {
  name: zString.optional(),
  description: zString.optional(),
  language: zString.optional(),
  sensitive: zBool.optional(),
  discoverable: zBool.optional(),
  tag_name: zString.optional(),
};
const createParams = z.object({ ...fields, account_ids: zList(zString).optional() });
const updateParams = z.object(fields);
const itemParams = z.object({ account_id: zString.optional() });
const pageParams = z
  .object({
    offset: zInt.pipe(z.number().min(0).max(10_000)).optional(),
    limit: zInt.transform((v) => Math.min(Math.max(v, 1), 80)).optional(),
  })
  .transform((p) => ({ offset: p.offset ?? 0, limit: p.limit ?? 40 }));

const toInput = (p: z.output<typeof updateParams>) => ({
  name: p.name,
  description: p.description,
  language: p.language,
  sensitive: p.sensitive,
  discoverable: p.discoverable,
  tagName: p.tag_name,
});

/** Mastodon nests a collection's validation error one level deeper than its other 422s. */
async function nestedValidation<T>(c: Context, work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return c.json({ error: { error: error.message, details: error.details } }, 422);
  }
}

export function collectionsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const { collections } = core;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const writer = (c: Context<AppEnv>) => auth.user(c, 'write:collections');
  /** Anyone may read; a token that is sent must allow reading collections, as Mastodon asks. */
  const reader = async (c: Context<AppEnv>) => {
    const bearer = await auth.bearer(c);
    if (bearer) auth.checkScopes(bearer, ['read:collections']);
    return auth.viewer(c);
  };
  const one = (view: Parameters<typeof serializeCollection>[0]) => ({ collection: serializeCollection(view, config.origin) });
  const page = async (c: Context<AppEnv>, load: (p: { offset: number; limit: number }) => Promise<Parameters<typeof serializeCollection>[0][]>) => {
    const p = await input(c, pageParams);
    const found = await load(p);
    const link = offsetLinkHeader(c, config.origin, { ...p, count: found.length });
    if (link) c.header('Link', link);
    return c.json({ collections: found.map((v) => serializeCollection(v, config.origin)) });
  };

  app.post('/api/v1/collections', async (c) => {
    const { account } = await writer(c);
    const p = await input(c, createParams);
    return nestedValidation(c, async () => c.json(one(await collections.create(account.id, { ...toInput(p), accountIds: p.account_ids }))));
  });
  app.get(`/api/v1/collections/:id${ID}`, async (c) => {
    const viewer = await reader(c);
    const { collection, accountIds } = await collections.show(viewer?.account.id ?? null, c.req.param('id'));
    const views = await core.accountViews.byIds(accountIds);
    const accounts = accountIds.flatMap((id) => (views.has(id) ? [serializeAccount(views.get(id)!, urls)] : []));
    return c.json({ collection: serializeCollection(collection, config.origin), accounts });
  });
  // Rails routes PUT to update as well as PATCH, and masto.js sends PUT.
  app.on(['PATCH', 'PUT'], `/api/v1/collections/:id${ID}`, async (c) => {
    const { account } = await writer(c);
    const p = await input(c, updateParams);
    return nestedValidation(c, async () => c.json(one(await collections.update(account.id, c.req.param('id'), toInput(p)))));
  });
  app.delete(`/api/v1/collections/:id${ID}`, async (c) => {
    const { account } = await writer(c);
    await collections.remove(account.id, c.req.param('id'));
    return c.json({});
  });

  app.post(`/api/v1/collections/:collection_id${ID}/items`, async (c) => {
    const { account } = await writer(c);
    const { account_id } = await input(c, itemParams);
    if (!account_id) throw new ApiError(422, '`account_id` parameter is missing');
    const item = await collections.addItem(account.id, c.req.param('collection_id'), account_id);
    return c.json({ collection_item: serializeCollectionItem(item) });
  });
  app.delete(`/api/v1/collections/:collection_id${ID}/items/:id`, async (c) => {
    const { account } = await writer(c);
    await collections.removeItem(account.id, c.req.param('collection_id'), c.req.param('id'));
    return c.json({});
  });
  app.post(`/api/v1/collections/:collection_id${ID}/items/:id/revoke`, async (c) => {
    const { account } = await writer(c);
    await collections.revokeItem(account.id, c.req.param('collection_id'), c.req.param('id'));
    return c.json({});
  });

  app.get(`/api/v1/accounts/:id${ID}/collections`, async (c) => {
    const viewer = await reader(c);
    return page(c, (p) => collections.ofAccount(viewer?.account.id ?? null, c.req.param('id'), p));
  });
  app.get(`/api/v1/accounts/:id${ID}/in_collections`, async (c) => {
    const { account } = await auth.user(c, 'read:collections');
    return page(c, (p) => collections.featuring(account.id, c.req.param('id'), p));
  });
  return app;
}
