// Lists: create, rename, delete; add and remove followed accounts; the lists holding an account.
// The list timeline is with the other timelines (timelines.ts).
import { urlContext } from './entities/account.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, params, zBool, zList, zString } from '../params.ts';
import { serializeAccount } from './entities/account.ts';
import { serializeList } from './entities/list.ts';

const listParams = z.object({ title: zString.optional(), replies_policy: zString.optional(), exclusive: zBool.optional() });
const memberParams = z.object({ account_ids: zList(zString).optional() });

export function listsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const { lists } = core;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const reader = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'read:lists');
  const writer = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'write:lists');
  const toInput = (p: z.output<typeof listParams>) => ({ title: p.title, repliesPolicy: p.replies_policy, exclusive: p.exclusive });

  app.get('/api/v1/lists', async (c) => {
    const { account } = await reader(c);
    return c.json((await lists.all(account.id)).map(serializeList));
  });
  app.post('/api/v1/lists', async (c) => {
    const { account } = await writer(c);
    return c.json(serializeList(await lists.create(account.id, toInput(await input(c, listParams)))));
  });
  app.get('/api/v1/lists/:id', async (c) => {
    const { account } = await reader(c);
    return c.json(serializeList(await lists.get(account.id, c.req.param('id'))));
  });
  app.put('/api/v1/lists/:id', async (c) => {
    const { account } = await writer(c);
    return c.json(serializeList(await lists.update(account.id, c.req.param('id'), toInput(await input(c, listParams)))));
  });
  app.delete('/api/v1/lists/:id', async (c) => {
    const { account } = await writer(c);
    await lists.remove(account.id, c.req.param('id'));
    return c.json({});
  });

  app.get('/api/v1/lists/:id/accounts', async (c) => {
    const { account } = await reader(c);
    // limit=0 lists every member, as Mastodon does.
    const all = (await params(c)).limit === '0';
    const page = await pageParams(c, { defaultLimit: 40, maxLimit: 80 });
    const result = await lists.members(account.id, c.req.param('id'), all ? { ...page, limit: 0 } : page);
    const views = await core.accountViews.byIds(result.items.map((m) => m.accountId));
    if (!all) setLinkHeader(c, config.origin, result);
    return c.json(result.items.flatMap((m) => (views.has(m.accountId) ? [serializeAccount(views.get(m.accountId)!, urls)] : [])));
  });
  app.post('/api/v1/lists/:id/accounts', async (c) => {
    const { account } = await writer(c);
    await lists.addMembers(account.id, c.req.param('id'), (await input(c, memberParams)).account_ids ?? []);
    return c.json({});
  });
  app.delete('/api/v1/lists/:id/accounts', async (c) => {
    const { account } = await writer(c);
    await lists.removeMembers(account.id, c.req.param('id'), (await input(c, memberParams)).account_ids ?? []);
    return c.json({});
  });

  app.get('/api/v1/accounts/:id{[0-9]+}/lists', async (c) => {
    const { account } = await reader(c);
    return c.json((await lists.containing(account.id, c.req.param('id'))).map(serializeList));
  });

  return app;
}
