// Filters as Mastodon's v1 API shows them (deprecated there, still used by older apps): each is one
// keyword of a v2 filter (core/filters/keyword-filters).
import { Hono } from 'hono';
import { z } from 'zod';
import type { KeywordFilterInput } from '../../core/filters/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zBool, zList, zString } from '../params.ts';
import { serializeV1Filter } from './entities/filter.ts';
import { expiresInOf, zExpiresIn } from './filters.ts';

const v1Params = z.object({
  phrase: zString.optional(),
  context: zList(zString).optional(),
  irreversible: zBool.optional(),
  whole_word: zBool.optional(),
  expires_in: zExpiresIn,
});

function toInput(p: z.output<typeof v1Params>): KeywordFilterInput {
  return {
    phrase: p.phrase,
    contexts: p.context,
    irreversible: p.irreversible,
    wholeWord: p.whole_word,
    expiresIn: expiresInOf(p.expires_in),
  };
}

export function filtersV1Routes(deps: ApiDeps, auth: Auth) {
  const { v1 } = deps.core.filters;
  const app = new Hono<AppEnv>();
  const reader = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'read:filters');
  const writer = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'write:filters');

  app.get('/api/v1/filters', async (c) => {
    const { account } = await reader(c);
    return c.json((await v1.list(account.id)).map(serializeV1Filter));
  });
  app.post('/api/v1/filters', async (c) => {
    const { account } = await writer(c);
    return c.json(serializeV1Filter(await v1.create(account.id, toInput(await input(c, v1Params)))));
  });
  app.get('/api/v1/filters/:id', async (c) => {
    const { account } = await reader(c);
    return c.json(serializeV1Filter(await v1.get(account.id, c.req.param('id'))));
  });
  app.put('/api/v1/filters/:id', async (c) => {
    const { account } = await writer(c);
    return c.json(serializeV1Filter(await v1.update(account.id, c.req.param('id'), toInput(await input(c, v1Params)))));
  });
  app.delete('/api/v1/filters/:id', async (c) => {
    const { account } = await writer(c);
    await v1.remove(account.id, c.req.param('id'));
    return c.json({});
  });
  return app;
}
