// Discovery: the profile directory, follow suggestions (v1 and v2) and familiar followers.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Suggestion } from '../../core/discovery/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zBool, zInt, zList, zString } from '../params.ts';
import { serializeAccount, urlContext, type UrlContext } from './entities/account.ts';

const limit = (max: number) => zInt.transform((v) => Math.min(Math.max(v, 1), max));

const directoryParams = z.object({
  offset: zInt.pipe(z.number().min(0).max(10_000)).optional(),
  limit: limit(80).optional(),
  order: z.enum(['active', 'new']).optional(),
  local: zBool.optional(),
});
const suggestionParams = z.object({ limit: limit(80).optional() });
const familiarParams = z.object({ id: zList(zString).pipe(z.array(z.string()).max(80)) });

// Mastodon's earlier, single reason, still sent beside `sources`.
const LEGACY_SOURCE = { friends_of_friends: 'past_interactions', most_followed: 'global' } as const;

function serializeSuggestion(s: Suggestion, urls: UrlContext) {
  return { source: LEGACY_SOURCE[s.sources[0]!], sources: s.sources, account: serializeAccount(s.account, urls) };
}

export function discoveryRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const { discovery } = core;

  app.get('/api/v1/directory', async (c) => {
    const viewer = await auth.viewer(c);
    const p = await input(c, directoryParams);
    const views = await discovery.directory(viewer?.account.id ?? null, { order: p.order ?? 'active', localOnly: p.local ?? false, offset: p.offset ?? 0, limit: p.limit ?? 40 });
    return c.json(views.map((v) => serializeAccount(v, urls)));
  });

  app.get('/api/v1/suggestions', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    const p = await input(c, suggestionParams);
    const found = await discovery.suggestions(account.id, p.limit ?? 40);
    return c.json(found.map((s) => serializeAccount(s.account, urls)));
  });
  app.get('/api/v2/suggestions', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    const p = await input(c, suggestionParams);
    const found = await discovery.suggestions(account.id, p.limit ?? 40);
    return c.json(found.map((s) => serializeSuggestion(s, urls)));
  });
  // Mastodon's documentation asks for a read scope here, its code for a write one: either will do.
  app.delete('/api/v1/suggestions/:id{[0-9]+}', async (c) => {
    const { account } = await auth.user(c, 'read:accounts', 'write:accounts');
    await discovery.dismissSuggestion(account, c.req.param('id'));
    return c.json({});
  });

  app.get('/api/v1/accounts/familiar_followers', async (c) => {
    const { account } = await auth.user(c, 'read:follows');
    const { id } = await input(c, familiarParams);
    const found = await discovery.familiarFollowers(account.id, id);
    return c.json(found.map((f) => ({ id: f.id, accounts: f.accounts.map((v) => serializeAccount(v, urls)) })));
  });
  return app;
}
