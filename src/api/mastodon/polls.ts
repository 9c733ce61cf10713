// /api/v1/polls: a poll (as its status's visibility allows) and voting in it.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zInt, zList } from '../params.ts';
import { serializePoll } from './entities/poll.ts';

const ID = '{[0-9]+}';
const voteParams = z.object({ choices: zList(zInt).pipe(z.array(z.number()).max(20)) });

export function pollsRoutes(deps: ApiDeps, auth: Auth) {
  const { statuses } = deps.core;
  const app = new Hono<AppEnv>();

  app.get(`/api/v1/polls/:id${ID}`, async (c) => {
    if (await auth.bearer(c)) await auth.client(c, 'read:statuses');
    const viewerId = (await auth.viewer(c))?.account.id ?? null;
    return c.json(serializePoll(await statuses.pollStatus(viewerId, c.req.param('id'))));
  });

  app.post(`/api/v1/polls/:id${ID}/votes`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const { choices } = await input(c, voteParams);
    return c.json(serializePoll(await statuses.vote(account, c.req.param('id'), choices)));
  });

  return app;
}
