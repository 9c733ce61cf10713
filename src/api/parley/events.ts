// Parley's live events (docs/events.md): creating, editing, ending and listing them, their
// participants, a briefing's raised hands and a coverage event's updates. Questions are in
// event-questions.ts.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { urlContext } from '../mastodon/entities/account.ts';
import { serializeStatus } from '../mastodon/entities/status.ts';
import { input, zBool, zDateTime, zInt, zList, zString } from '../params.ts';
import { handShape, participantShape, renderEvents, renderPeople } from './entities/event.ts';

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
  hashtag: zString.pipe(z.string().max(64)),
  premoderated: zBool.optional(),
};
const createParams = z.object({ kind: z.enum(['qa', 'briefing', 'coverage']), ...eventFields });
const updateParams = z.object(eventFields).partial();
const listParams = z.object({ account_id: zString.optional(), state: z.enum(['upcoming', 'live', 'ended']).optional(), max_id: zString.optional(), limit: zInt.optional() });
const memberParams = z.object({ acct: zString.pipe(z.string().min(1).max(300)), role: z.enum(['cohost', 'moderator', 'participant']) });
const updatePostParams = z.object({ status: zString.optional().default(''), media_ids: zList(zString).optional(), language: zString.optional() });
const pageParams = z.object({ max_id: zString.optional(), limit: zInt.optional() });

const limitOf = (limit: number | undefined, max = 40) => Math.min(Math.max(limit ?? 20, 1), max);

export function eventRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const { events } = core;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const one = async (viewerId: string | null, id: string) => (await renderEvents(core, [await events.event(viewerId, id)], urls))[0];

  app.post('/api/parley/v1/events', async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, createParams);
    const row = await events.create(actor, {
      kind: p.kind,
      title: p.title,
      description: p.description,
      language: p.language,
      translations: p.translations,
      startsAt: p.starts_at,
      endsAt: p.ends_at,
      hashtag: p.hashtag,
      premoderated: p.premoderated,
    });
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
    await events.update(actor, c.req.param('id'), {
      title: p.title,
      description: p.description,
      language: p.language,
      translations: p.translations,
      startsAt: p.starts_at,
      endsAt: p.ends_at,
      hashtag: p.hashtag,
      premoderated: p.premoderated,
    });
    return c.json(await one(actor.account.id, c.req.param('id')));
  });

  app.post(`${EVENT}/end`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    await events.end(actor, c.req.param('id'));
    return c.json(await one(actor.account.id, c.req.param('id')));
  });

  app.get(`${EVENT}/participants`, async (c) => {
    return c.json(await renderPeople(core, await events.members(c.req.param('id')), urls, participantShape));
  });

  app.post(`${EVENT}/participants`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, memberParams);
    const acct = p.acct.replace(/^@/, '');
    let account = await core.accounts.lookup(acct);
    // Someone on another server not yet known here is looked up there (WebFinger).
    if (!account && acct.includes('@') && deps.resolveRemote) {
      const found = await deps.resolveRemote(acct);
      account = found?.accountId ? await core.accounts.byId(found.accountId) : undefined;
    }
    if (!account) throw new NotFoundError('No account with this handle');
    const row = await events.addMember(actor, c.req.param('id'), account, p.role);
    return c.json((await renderPeople(core, [row], urls, participantShape))[0]);
  });

  app.delete(`${EVENT}/participants/:account{[0-9]+}`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    await events.removeMember(actor, c.req.param('id'), c.req.param('account'));
    return c.json({});
  });

  app.post(`${EVENT}/hand`, async (c) => {
    await events.raiseHand(await auth.user(c, 'write:statuses'), c.req.param('id'), true);
    return c.json({});
  });
  app.delete(`${EVENT}/hand`, async (c) => {
    await events.raiseHand(await auth.user(c, 'write:statuses'), c.req.param('id'), false);
    return c.json({});
  });
  app.get(`${EVENT}/hands`, async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    return c.json(await renderPeople(core, await events.hands(account.id, c.req.param('id')), urls, handShape));
  });
  app.post(`${EVENT}/hands/:account{[0-9]+}/call`, async (c) => {
    const hand = await events.callOn(await auth.user(c, 'write:statuses'), c.req.param('id'), c.req.param('account'));
    return c.json((await renderPeople(core, [hand], urls, handShape))[0]);
  });

  app.get(`${EVENT}/updates`, async (c) => {
    const viewer = await auth.viewer(c);
    const p = await input(c, pageParams);
    const posts = await events.updates(viewer?.account.id ?? null, c.req.param('id'), { maxId: p.max_id, limit: limitOf(p.limit) });
    return c.json(posts.map((v) => serializeStatus(v, urls)));
  });
  app.post(`${EVENT}/updates`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, updatePostParams);
    const posted = await events.postUpdate(actor, c.req.param('id'), { text: p.status, language: p.language, mediaIds: p.media_ids });
    return c.json(serializeStatus(posted, urls));
  });
  return app;
}
