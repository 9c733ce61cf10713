// Endorsements (featured accounts: pin/unpin, and endorse/unendorse since Mastodon 4.4) and
// private notes on accounts.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zString } from '../params.ts';
import { serializeRelationship } from './entities/relationship.ts';
import { accountListAnswer } from './relations.ts';

const ID = '{[0-9]+}';
const noteParams = z.object({ comment: zString.optional() });

export function endorsementsRoutes(deps: ApiDeps, auth: Auth) {
  const { relations } = deps.core;
  const app = new Hono<AppEnv>();
  const accountList = accountListAnswer(deps);

  for (const verb of ['pin', 'endorse'] as const) {
    app.post(`/api/v1/accounts/:id${ID}/${verb}`, async (c) => {
      const { account } = await auth.user(c, 'write:accounts');
      return c.json(serializeRelationship(await relations.endorse(account, c.req.param('id'))));
    });
  }
  for (const verb of ['unpin', 'unendorse'] as const) {
    app.post(`/api/v1/accounts/:id${ID}/${verb}`, async (c) => {
      const { account } = await auth.user(c, 'write:accounts');
      return c.json(serializeRelationship(await relations.unendorse(account, c.req.param('id'))));
    });
  }
  app.get('/api/v1/endorsements', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    return accountList(c, (page) => relations.endorsements(account.id, page));
  });
  app.get(`/api/v1/accounts/:id${ID}/endorsements`, async (c) => {
    await auth.viewer(c);
    return accountList(c, (page) => relations.endorsements(c.req.param('id'), page));
  });

  app.post(`/api/v1/accounts/:id${ID}/note`, async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    const { comment } = await input(c, noteParams);
    return c.json(serializeRelationship(await relations.note(account, c.req.param('id'), comment)));
  });
  return app;
}
