// Parley's endpoints for its manual quote policy, which Mastodon's API lacks: setting it (anyone may
// ask, the author answers each request), the requests waiting for an answer, and approving one
// (refusing is Mastodon's revoke).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { urlContext } from '../mastodon/entities/account.ts';
import { serializeStatus } from '../mastodon/entities/status.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input } from '../params.ts';

const STATUS = '/api/parley/v1/statuses/:id{[0-9]+}';
const policyParams = z.object({ quote_approval_policy: z.enum(['public', 'followers', 'nobody', 'manual']) });

export function quoteRoutes(deps: ApiDeps, auth: Auth) {
  const { config } = deps;
  const { statuses } = deps.core;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();

  app.put(`${STATUS}/quote_policy`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const p = await input(c, policyParams);
    return c.json(serializeStatus(await statuses.setQuotePolicy(account, c.req.param('id'), p.quote_approval_policy), urls));
  });

  app.get(`${STATUS}/quote_requests`, async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    const result = await statuses.quotesOf(account, c.req.param('id'), await pageParams(c, { defaultLimit: 20, maxLimit: 40 }), 'pending');
    setLinkHeader(c, config.origin, result);
    return c.json(result.items.map((v) => serializeStatus(v, urls)));
  });

  app.post(`${STATUS}/quotes/:quoting{[0-9]+}/approve`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    return c.json(serializeStatus(await statuses.approveQuote(account, c.req.param('id'), c.req.param('quoting')), urls));
  });
  return app;
}
