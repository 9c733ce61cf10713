// Private conversations (/api/v1/conversations) and the direct timeline.
import { readerContext } from '../reader-languages.ts';
import { Hono } from 'hono';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { linkHeader, pageParams } from '../pagination.ts';
import { respond } from '../response-headers.ts';
import { urlContext } from './entities/account.ts';
import { serializeConversation } from './entities/conversation.ts';
import { statusesJson } from './entities/status-json.ts';

export function conversationsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const { conversations } = core;

  app.get('/api/v1/conversations', async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    const result = await conversations.page(account.id, await pageParams(c));
    const link = linkHeader(c, config.origin, result);
    return c.json(
      result.items.map((v) => serializeConversation(v, readerContext(c, urls))),
      200,
      link ? { Link: link } : {},
    );
  });
  app.post('/api/v1/conversations/:id/read', async (c) => {
    const { account } = await auth.user(c, 'write:conversations');
    return c.json(serializeConversation(await conversations.read(account.id, c.req.param('id')), readerContext(c, urls)));
  });
  app.delete('/api/v1/conversations/:id', async (c) => {
    const { account } = await auth.user(c, 'write:conversations');
    await conversations.remove(account.id, c.req.param('id'));
    return c.json({});
  });

  app.get('/api/v1/timelines/direct', async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    const result = await conversations.direct(account.id, await pageParams(c));
    const link = linkHeader(c, config.origin, result);
    return respond(c, statusesJson(result.items, readerContext(c, urls)), { 'Content-Type': 'application/json', ...(link ? { Link: link } : {}) });
  });

  return app;
}
