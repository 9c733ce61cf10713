// GET /api/v2/search: accounts, hashtags and posts; with resolve=true (signed in), a handle
// (user@host) or a URL is looked up on its server first, as Mastodon does.
import { readerContext } from '../reader-languages.ts';
import { urlContext } from './entities/account.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zBool, zInt, zString } from '../params.ts';
import { serializeAccount } from './entities/account.ts';
import { serializeStatus } from './entities/status.ts';
import { serializeTag } from './entities/tag.ts';

const searchParams = z.object({
  q: zString,
  type: z.enum(['accounts', 'hashtags', 'statuses']).optional(),
  resolve: zBool.optional(),
  following: zBool.optional(),
  account_id: zString.optional(),
  exclude_unreviewed: zBool.optional(),
  limit: zInt.pipe(z.number().min(1)).optional(),
  offset: zInt.pipe(z.number().min(0).max(10_000)).optional(),
});

export function searchRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();

  app.get('/api/v2/search', async (c) => {
    if (await auth.bearer(c)) await auth.client(c, 'read:search');
    const viewer = await auth.viewer(c);
    const p = await input(c, searchParams);
    // Mastodon refuses offsets to anonymous callers; a first page is still useful to them.
    const window = { limit: Math.min(p.limit ?? 20, 40), offset: viewer ? (p.offset ?? 0) : 0 };
    const wants = (type: NonNullable<typeof p.type>) => !p.type || p.type === type;
    const q = p.q.trim();
    const remote = p.resolve && viewer && deps.resolveRemote && (/^https?:\/\//.test(q) || /^@?[^@\s]+@[^@\s]+$/.test(q)) ? await deps.resolveRemote(q) : null;
    const [found, hashtags, words] = await Promise.all([
      wants('accounts') ? core.accounts.search(p.q, window).then((found) => core.accountViews.of(found)) : [],
      wants('hashtags') ? core.search.hashtags(p.q, window).then((found) => core.tags.viewsOf(viewer?.account.id ?? null, found)) : [],
      wants('statuses') ? core.search.statuses(viewer?.account.id ?? null, p.q, window) : [],
    ]);
    const resolvedAccount = remote?.accountId && wants('accounts') ? await core.accounts.byId(remote.accountId) : undefined;
    const accounts = resolvedAccount ? [...(await core.accountViews.of([resolvedAccount])), ...found.filter((a) => a.account.id !== resolvedAccount.id)] : found;
    const resolvedStatus = remote?.statusId && wants('statuses') ? await core.statusViews.hydrate(viewer!.account.id, [remote.statusId]) : [];
    const statuses = [...resolvedStatus, ...words.filter((s) => s.status.id !== remote?.statusId)];
    return c.json({
      accounts: accounts.map((a) => serializeAccount(a, urls)),
      hashtags: hashtags.map((t) => serializeTag(t, config.origin)),
      statuses: statuses.map((s) => serializeStatus(s, readerContext(c, urls))),
    });
  });
  return app;
}
