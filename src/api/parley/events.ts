// Parley's live events (docs/events.md): creating, editing, ending and listing them, their
// participants (event-people.ts) and questions (event-questions.ts) apart.
import { Hono } from 'hono';
import { z } from 'zod';
import type { EventChanges } from '../../core/events/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { zId } from '../pagination.ts';
import { urlContext } from '../mastodon/entities/account.ts';
import { input, zBool, zDateTime, zInt, zList, zString } from '../params.ts';
import { renderEvents } from './entities/event.ts';

export const EVENT = '/api/parley/v1/events/:id{[0-9]+}';

const text = (max: number) => zString.pipe(z.string().max(max * 4));
const translation = z.object({ language: zString, title: text(200), description: text(5000).optional().default('') });
const eventFields = {
  title: text(200),
  description: text(5000).optional(),
  language: zString.optional(),
  translations: zList(translation).optional(),
  starts_at: zDateTime,
  ends_at: zDateTime,
  hashtag: zString.pipe(z.string().max(257)),
  premoderated: zBool.optional(),
};
const createParams = z.object({ kind: z.enum(['qa', 'briefing', 'coverage']), ...eventFields });
const updateParams = z.object(eventFields).partial();
const listParams = z.object({ account_id: zString.optional(), state: z.enum(['upcoming', 'live', 'ended']).optional(), max_id: zId.optional(), limit: zInt.optional() });
/** The fields as the core names them (those not given stay undefined: unchanged by an update). */
const changesOf = (p: z.output<typeof updateParams>): EventChanges => ({
  title: p.title,
  description: p.description,
  language: p.language,
  translations: p.translations,
  startsAt: p.starts_at,
  endsAt: p.ends_at,
  hashtag: p.hashtag,
  premoderated: p.premoderated,
});

export const limitOf = (limit: number | undefined, max = 40) => Math.min(Math.max(limit ?? 20, 1), max);

export function eventRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const { events } = core;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const one = async (viewerId: string | null, id: string) => (await renderEvents(core, [await events.event(viewerId, id)], urls))[0];

  app.post('/api/parley/v1/events', async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, createParams);
    const row = await events.create(actor, { ...changesOf(p), kind: p.kind, title: p.title, startsAt: p.starts_at, endsAt: p.ends_at, hashtag: p.hashtag });
    return c.json(await one(actor.account.id, row.id));
  });

  app.get('/api/parley/v1/events', async (c) => {
    const viewer = await auth.viewer(c);
    const p = await input(c, listParams);
    const views = await events.events(viewer?.account.id ?? null, { accountId: p.account_id, when: p.state, maxId: p.max_id, limit: limitOf(p.limit) });
    return c.json(await renderEvents(core, views, urls));
  });

  app.get(EVENT, async (c) => {
    const viewer = await auth.viewer(c);
    return c.json(await one(viewer?.account.id ?? null, c.req.param('id')));
  });

  app.patch(EVENT, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, updateParams);
    await events.update(actor, c.req.param('id'), changesOf(p));
    return c.json(await one(actor.account.id, c.req.param('id')));
  });

  app.post(`${EVENT}/end`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    await events.end(actor, c.req.param('id'));
    return c.json(await one(actor.account.id, c.req.param('id')));
  });

  return app;
}
