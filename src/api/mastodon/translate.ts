// POST /api/v1/statuses/:id/translate: the status in the reader's language (core/statuses/translate).
// Without `lang`, the reader's first language (their reading and posting languages, Accept-Language),
// else their interface language, as Mastodon falls back to the user's locale.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zString } from '../params.ts';
import { languagesOf } from '../reader-languages.ts';
import { serializeTranslation } from './entities/translation.ts';

const translateParams = z.object({ lang: zString.pipe(z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$/, 'is not a language code')).optional() });

export function translateRoutes(deps: ApiDeps, auth: Auth) {
  const { core } = deps;
  const app = new Hono<AppEnv>();

  app.post('/api/v1/statuses/:id{[0-9]+}/translate', async (c) => {
    const { account, user } = await auth.user(c, 'read:statuses');
    const p = await input(c, translateParams);
    const target = p.lang ?? languagesOf({ acceptLanguage: c.req.header('accept-language') }, user)[0] ?? user.locale;
    return c.json(serializeTranslation(await core.translation.translate(account.id, c.req.param('id'), target)));
  });

  return app;
}
