// An event's people and posts: its participants (co-hosts, moderators, accredited participants,
// local or found on their server), a briefing's raised hands, and a coverage event's updates.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { zId } from '../pagination.ts';
import { urlContext } from '../mastodon/entities/account.ts';
import { serializeStatus } from '../mastodon/entities/status.ts';
import { input, zInt, zList, zString } from '../params.ts';
import { handShape, participantShape, renderPeople } from './entities/event.ts';
import { EVENT, limitOf } from './events.ts';

const memberParams = z.object({ acct: zString.pipe(z.string().min(1).max(300)), role: z.enum(['cohost', 'moderator', 'participant']) });
const updatePostParams = z.object({ status: zString.optional().default(''), media_ids: zList(zString).optional(), language: zString.optional() });
const pageParams = z.object({ max_id: zId.optional(), limit: zInt.optional() });

export function eventPeopleRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const { events } = core;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();

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
