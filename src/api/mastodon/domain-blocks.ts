// /api/v1/domain_blocks: the domains a user blocks (a page of strings with Link headers), and
// blocking and unblocking one; the rules are the core's (relations/domain-block).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zString } from '../params.ts';

const blockParams = z.object({ domain: zString.default('') });

export function domainBlocksRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const app = new Hono<AppEnv>();

  app.get('/api/v1/domain_blocks', async (c) => {
    const { account } = await auth.user(c, 'read:blocks', 'follow');
    const page = await core.relations.blockedDomains(account.id, await pageParams(c, { defaultLimit: 100, maxLimit: 200 }));
    setLinkHeader(c, config.origin, page);
    return c.json(page.items.map((i) => i.domain));
  });

  app.post('/api/v1/domain_blocks', async (c) => {
    const { account } = await auth.user(c, 'write:blocks', 'follow');
    const { domain } = await input(c, blockParams);
    await core.relations.blockDomain(account, domain);
    return c.json({});
  });

  app.delete('/api/v1/domain_blocks', async (c) => {
    const { account } = await auth.user(c, 'write:blocks', 'follow');
    const { domain } = await input(c, blockParams);
    await core.relations.unblockDomain(account, domain);
    return c.json({});
  });
  return app;
}
