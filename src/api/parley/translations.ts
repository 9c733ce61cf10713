// Parley's endpoints for a post's versions in other languages (one at a time; POST and PUT
// /api/v1/statuses take them all as `translations`), and for the languages a user reads.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zList, zString } from '../params.ts';
import { readerContext } from '../reader-languages.ts';
import { urlContext } from '../mastodon/entities/account.ts';
import { serializeStatus } from '../mastodon/entities/status.ts';
import { versionParams } from '../mastodon/translations-param.ts';

const VERSION = '/api/parley/v1/statuses/:id{[0-9]+}/translations/:lang';
const readingParams = z.object({ languages: zList(zString).nullish() });

export function translationsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();

  app.put(VERSION, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const p = await input(c, versionParams);
    const view = await core.statuses.putVersion(account, c.req.param('id'), { language: c.req.param('lang'), text: p.status, spoilerText: p.spoiler_text });
    return c.json(serializeStatus(view, readerContext(c, urls)));
  });

  app.delete(VERSION, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const view = await core.statuses.removeVersion(account, c.req.param('id'), c.req.param('lang'));
    return c.json(serializeStatus(view, readerContext(c, urls)));
  });

  // The languages the user reads (Mastodon keeps them as chosen_languages, set in its web settings).
  app.get('/api/parley/v1/reading_languages', async (c) => {
    const { user } = await auth.user(c, 'read:accounts');
    return c.json({ languages: user.chosenLanguages });
  });

  app.put('/api/parley/v1/reading_languages', async (c) => {
    const { user } = await auth.user(c, 'write:accounts');
    const p = await input(c, readingParams);
    return c.json({ languages: await core.accounts.setReadingLanguages(user, p.languages ?? null) });
  });
  return app;
}
