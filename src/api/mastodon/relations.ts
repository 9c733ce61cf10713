// Follows, follow requests, blocks and mutes (the Mastodon endpoints under accounts, and their lists).
import { urlContext } from './entities/account.ts';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AccountView } from '../../core/accounts/views.ts';
import type { Account } from '../../core/accounts/service.ts';
import type { Page, Paged } from '../../core/pagination.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zBool, zInt, zList, zString } from '../params.ts';
import { serializeAccount } from './entities/account.ts';
import { serializeRelationship } from './entities/relationship.ts';

const followParams = z.object({
  reblogs: zBool.optional(),
  notify: zBool.optional(),
  languages: zList(zString).optional(),
});
// Mutes last at most ten years (a longer one is a permanent mute: duration 0).
const muteParams = z.object({ notifications: zBool.optional(), duration: zInt.pipe(z.number().min(0).max(315_360_000)).optional() });
const ID = '{[0-9]+}';

const relationshipParams = z.object({ id: zList(zString).pipe(z.array(z.string()).max(80)) });

/** Answers a page of related accounts (40 by default, 80 at most) with its Link header. */
export function accountListAnswer(deps: ApiDeps) {
  const { core, config } = deps;
  const urls = urlContext(config);
  return async (c: Context<AppEnv>, load: (page: Page) => Promise<Paged<{ cursor: string; account: Account }>>) => {
    const result = await load(await pageParams(c, { defaultLimit: 40, maxLimit: 80 }));
    const views = await core.accountViews.of(result.items.map((i) => i.account));
    setLinkHeader(c, config.origin, result);
    return c.json(views.map((v: AccountView) => serializeAccount(v, urls)));
  };
}

export function relationsRoutes(deps: ApiDeps, auth: Auth) {
  const { core } = deps;
  const app = new Hono<AppEnv>();
  const { relations } = core;

  const accountList = accountListAnswer(deps);

  app.post(`/api/v1/accounts/:id${ID}/follow`, async (c) => {
    const { account } = await auth.user(c, 'write:follows');
    const p = await input(c, followParams);
    return c.json(serializeRelationship(await relations.follow(account, c.req.param('id'), { reblogs: p.reblogs, notify: p.notify, languages: p.languages })));
  });
  app.post(`/api/v1/accounts/:id${ID}/unfollow`, async (c) => {
    const { account } = await auth.user(c, 'write:follows');
    return c.json(serializeRelationship(await relations.unfollow(account, c.req.param('id'))));
  });
  app.post(`/api/v1/accounts/:id${ID}/remove_from_followers`, async (c) => {
    const { account } = await auth.user(c, 'write:follows');
    return c.json(serializeRelationship(await relations.removeFromFollowers(account, c.req.param('id'))));
  });
  app.post(`/api/v1/accounts/:id${ID}/block`, async (c) => {
    const { account } = await auth.user(c, 'write:blocks');
    return c.json(serializeRelationship(await relations.block(account, c.req.param('id'))));
  });
  app.post(`/api/v1/accounts/:id${ID}/unblock`, async (c) => {
    const { account } = await auth.user(c, 'write:blocks');
    return c.json(serializeRelationship(await relations.unblock(account, c.req.param('id'))));
  });
  app.post(`/api/v1/accounts/:id${ID}/mute`, async (c) => {
    const { account } = await auth.user(c, 'write:mutes');
    const p = await input(c, muteParams);
    return c.json(serializeRelationship(await relations.mute(account, c.req.param('id'), { notifications: p.notifications, durationSeconds: p.duration })));
  });
  app.post(`/api/v1/accounts/:id${ID}/unmute`, async (c) => {
    const { account } = await auth.user(c, 'write:mutes');
    return c.json(serializeRelationship(await relations.unmute(account, c.req.param('id'))));
  });

  app.get('/api/v1/accounts/relationships', async (c) => {
    const { account } = await auth.user(c, 'read:follows');
    const { id } = await input(c, relationshipParams);
    return c.json((await relations.relationships(account.id, id)).map(serializeRelationship));
  });

  for (const which of ['followers', 'following'] as const) {
    app.get(`/api/v1/accounts/:id${ID}/${which}`, async (c) => {
      const viewer = await auth.viewer(c);
      return accountList(c, (page) => relations.collection(which, viewer?.account.id ?? null, c.req.param('id'), page));
    });
  }

  app.get('/api/v1/follow_requests', async (c) => {
    const { account } = await auth.user(c, 'read:follows', 'follow');
    return accountList(c, (page) => relations.followRequests(account.id, page));
  });
  app.post(`/api/v1/follow_requests/:id${ID}/authorize`, async (c) => {
    const { account } = await auth.user(c, 'write:follows', 'follow');
    return c.json(serializeRelationship(await relations.authorizeRequest(account, c.req.param('id'))));
  });
  app.post(`/api/v1/follow_requests/:id${ID}/reject`, async (c) => {
    const { account } = await auth.user(c, 'write:follows', 'follow');
    return c.json(serializeRelationship(await relations.rejectRequest(account, c.req.param('id'))));
  });
  app.get('/api/v1/blocks', async (c) => {
    const { account } = await auth.user(c, 'read:blocks', 'follow');
    return accountList(c, (page) => relations.blocked(account.id, page));
  });
  app.get('/api/v1/mutes', async (c) => {
    const { account } = await auth.user(c, 'read:mutes', 'follow');
    return accountList(c, (page) => relations.muted(account.id, page));
  });
  return app;
}
