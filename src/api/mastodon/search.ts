// GET /api/v2/search: accounts, hashtags and posts (core/search); with resolve=true, a handle
// (user@host) or a URL is looked up on its server first, as Mastodon does. Without a user token,
// posts are not searched and `offset` and `resolve` are refused (401), as Mastodon does.
import { chosenLanguagesOf, readerContext } from '../reader-languages.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { input, zBool, zInt, zString } from '../params.ts';
import { serializeAccount, urlContext } from './entities/account.ts';
import { serializeStatus } from './entities/status.ts';
import { serializeTag } from './entities/tag.ts';

const searchParams = z.object({
  q: zString,
  type: z.enum(['accounts', 'hashtags', 'statuses']).optional(),
  resolve: zBool.optional(),
  following: zBool.optional(),
  account_id: zString.optional(),
  max_id: zString.optional(),
  min_id: zString.optional(),
  exclude_unreviewed: zBool.optional(),
  limit: zInt.pipe(z.number().min(1)).optional(),
  offset: zInt.pipe(z.number().min(0).max(10_000)).optional(),
});

const looksRemote = (q: string) => /^https?:\/\//.test(q) || /^@?[^@\s]+@[^@\s]+$/.test(q);

export function searchRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();

  app.get('/api/v2/search', async (c) => {
    if (await auth.bearer(c)) await auth.client(c, 'read:search');
    const viewer = await auth.viewer(c);
    const p = await input(c, searchParams);
    if (!viewer && p.offset !== undefined) throw new ApiError(401, 'Search queries pagination is not supported without authentication');
    if (!viewer && p.resolve) throw new ApiError(401, 'Search queries that resolve remote resources are not supported without authentication');
    const q = p.q.trim();
    const remote = p.resolve && viewer && deps.resolveRemote && looksRemote(q) ? await deps.resolveRemote(q) : null;
    const found = await core.search.all(viewer?.account.id ?? null, q, {
      type: p.type,
      limit: Math.min(p.limit ?? 20, 40),
      // Mastodon pages only within one type.
      offset: p.type ? (p.offset ?? 0) : 0,
      following: p.following,
      accountId: p.account_id,
      minId: p.min_id,
      maxId: p.max_id,
      languages: chosenLanguagesOf(c),
    });
    const wants = (type: NonNullable<typeof p.type>) => !p.type || p.type === type;
    const resolvedAccount = remote?.accountId && wants('accounts') ? await core.accounts.byId(remote.accountId) : undefined;
    const accounts = [...(resolvedAccount ? [resolvedAccount] : []), ...found.accounts.filter((a) => a.id !== resolvedAccount?.id)];
    const resolvedStatus = remote?.statusId && wants('statuses') ? await core.statusViews.hydrate(viewer!.account.id, [remote.statusId]) : [];
    const statuses = [...resolvedStatus, ...found.statuses.filter((s) => s.status.id !== remote?.statusId)];
    // Each post in the reader's version, as in timelines (`lang`, reading and posting languages, Accept-Language).
    const reader = readerContext(c, urls);
    return c.json({
      accounts: (await core.accountViews.of(accounts)).map((a) => serializeAccount(a, urls)),
      hashtags: (await core.tags.viewsOf(viewer?.account.id ?? null, found.hashtags)).map((t) => serializeTag(t, config.origin)),
      statuses: statuses.map((s) => serializeStatus(s, reader)),
    });
  });
  return app;
}
