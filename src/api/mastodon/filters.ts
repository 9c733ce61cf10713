// Filters (Mastodon's v2 API): a filter with its keywords and listed statuses.
import { Hono } from 'hono';
import { z } from 'zod';
import type { FilterInput } from '../../core/filters/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zBool, zInt, zList, zString } from '../params.ts';
import { serializeFilter, serializeFilterKeyword, serializeFilterStatus } from './entities/filter.ts';

const keywordAttributes = z.object({ id: zString.optional(), keyword: zString.optional(), whole_word: zBool.optional(), _destroy: zBool.optional() });
// Clients send keywords_attributes as a list, or (Rails style) as an object keyed by index.
const keywordList = z
  .union([z.array(keywordAttributes).max(100), z.record(z.string(), keywordAttributes).transform((o) => Object.values(o))])
  .refine((list) => list.length <= 100, 'at most 100 keywords');
/** A filter's expires_in (v1 and v2): seconds from now; empty or null means "never". */
export const zExpiresIn = z
  .union([
    z.literal(''),
    z.null(),
    zInt.pipe(
      z
        .number()
        .min(1)
        .max(10 * 365 * 86400),
    ),
  ])
  .optional();

/** The core's expiresIn: undefined leaves it, null means never. */
export const expiresInOf = (v: z.output<typeof zExpiresIn>): number | null | undefined => (v === undefined ? undefined : v === '' || v === null ? null : v);

const filterParams = z.object({
  title: zString.optional(),
  context: zList(zString).optional(),
  filter_action: zString.optional(),
  expires_in: zExpiresIn,
  keywords_attributes: keywordList.optional(),
});

function toInput(p: z.output<typeof filterParams>): FilterInput {
  return {
    title: p.title,
    contexts: p.context,
    action: p.filter_action,
    expiresIn: expiresInOf(p.expires_in),
    keywords: p.keywords_attributes?.map((k) => ({ id: k.id, keyword: k.keyword, wholeWord: k.whole_word, destroy: k._destroy })),
  };
}

const keywordParams = z.object({ keyword: zString.optional(), whole_word: zBool.optional() });
const statusFilterParams = z.object({ status_id: zString });

export function filtersRoutes(deps: ApiDeps, auth: Auth) {
  const { filters } = deps.core;
  const app = new Hono<AppEnv>();
  const reader = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'read:filters');
  const writer = (c: Parameters<Auth['user']>[0]) => auth.user(c, 'write:filters');

  app.get('/api/v2/filters', async (c) => {
    const { account } = await reader(c);
    return c.json((await filters.list(account.id)).map((f) => serializeFilter(f)));
  });
  app.post('/api/v2/filters', async (c) => {
    const { account } = await writer(c);
    return c.json(serializeFilter(await filters.create(account.id, toInput(await input(c, filterParams)))));
  });
  app.get('/api/v2/filters/:id', async (c) => {
    const { account } = await reader(c);
    return c.json(serializeFilter(await filters.get(account.id, c.req.param('id'))));
  });
  app.put('/api/v2/filters/:id', async (c) => {
    const { account } = await writer(c);
    return c.json(serializeFilter(await filters.update(account.id, c.req.param('id'), toInput(await input(c, filterParams)))));
  });
  app.delete('/api/v2/filters/:id', async (c) => {
    const { account } = await writer(c);
    await filters.remove(account.id, c.req.param('id'));
    return c.json({});
  });

  app.get('/api/v2/filters/:id/keywords', async (c) => {
    const { account } = await reader(c);
    return c.json((await filters.get(account.id, c.req.param('id'))).keywords.map(serializeFilterKeyword));
  });
  app.post('/api/v2/filters/:id/keywords', async (c) => {
    const { account } = await writer(c);
    const p = await input(c, keywordParams);
    return c.json(serializeFilterKeyword(await filters.addKeyword(account.id, c.req.param('id'), p.keyword, p.whole_word)));
  });
  app.get('/api/v2/filters/keywords/:id', async (c) => {
    const { account } = await reader(c);
    const f = await filters.ownerOf(account.id, 'keyword', c.req.param('id'));
    return c.json(serializeFilterKeyword(f.keywords.find((k) => k.id === c.req.param('id'))!));
  });
  app.put('/api/v2/filters/keywords/:id', async (c) => {
    const { account } = await writer(c);
    const p = await input(c, keywordParams);
    const f = await filters.ownerOf(account.id, 'keyword', c.req.param('id'));
    const updated = await filters.update(account.id, f.id, { keywords: [{ id: c.req.param('id'), keyword: p.keyword, wholeWord: p.whole_word }] });
    return c.json(serializeFilterKeyword(updated.keywords.find((k) => k.id === c.req.param('id'))!));
  });
  app.delete('/api/v2/filters/keywords/:id', async (c) => {
    const { account } = await writer(c);
    await filters.removeItem(account.id, 'keyword', c.req.param('id'));
    return c.json({});
  });

  app.get('/api/v2/filters/:id/statuses', async (c) => {
    const { account } = await reader(c);
    return c.json((await filters.get(account.id, c.req.param('id'))).statuses.map(serializeFilterStatus));
  });
  app.post('/api/v2/filters/:id/statuses', async (c) => {
    const { account } = await writer(c);
    const p = await input(c, statusFilterParams);
    return c.json(serializeFilterStatus(await filters.addStatus(account.id, c.req.param('id'), p.status_id)));
  });
  app.get('/api/v2/filters/statuses/:id', async (c) => {
    const { account } = await reader(c);
    const f = await filters.ownerOf(account.id, 'status', c.req.param('id'));
    return c.json(serializeFilterStatus(f.statuses.find((s) => s.id === c.req.param('id'))!));
  });
  app.delete('/api/v2/filters/statuses/:id', async (c) => {
    const { account } = await writer(c);
    await filters.removeItem(account.id, 'status', c.req.param('id'));
    return c.json({});
  });
  return app;
}
