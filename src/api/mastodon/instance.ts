import { Hono } from 'hono';
import { memo } from '../../infra/memo.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';

const FACTS_TTL_MS = 10_000;
import { serializeInstanceV1, serializeInstanceV2, type InstanceFacts } from './entities/instance.ts';

export function instanceRoutes(deps: ApiDeps) {
  const { core, config } = deps;
  const app = new Hono<AppEnv>({ strict: false });

  // Apps fetch the instance on every launch; its counts may lag by a few seconds.
  const facts = memo(FACTS_TTL_MS, async (): Promise<InstanceFacts> => {
    const [usage, domains, vapid, statuses] = await Promise.all([core.instance.usage(), core.instance.domainCount(), core.instance.vapidKeys(), core.instance.localPosts()]);
    return { users: usage.users, activeMonth: usage.activeMonth, statuses, domains, vapidPublicKey: vapid.publicKey };
  });

  // strict: false makes /api/v1/instance/ (with the slash Mastodon.py sends) the same route.
  app.get('/api/v1/instance', async (c) => c.json(serializeInstanceV1(config, await facts())));
  app.get('/api/v2/instance', async (c) => c.json(serializeInstanceV2(config, await facts())));
  app.get('/api/v1/custom_emojis', (c) => c.json([]));
  return app;
}
