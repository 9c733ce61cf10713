// The instance's smaller endpoints: rules, privacy policy, terms of service, extended description,
// translation languages, server-level domain blocks, peers and weekly activity.
import { Hono } from 'hono';
import { memo } from '../../infra/memo.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { effectiveDate, serializeDatedText, serializeRules, serializeTerms } from './entities/instance-texts.ts';

const ACTIVITY_WEEKS = 12;
/** Peers and activity are read over whole tables: remembered a while (Mastodon keeps them a day). */
const SLOW_TTL_MS = 10 * 60_000;

export function instanceExtrasRoutes(deps: ApiDeps) {
  const { core } = deps;
  const app = new Hono<AppEnv>({ strict: false });
  const texts = core.instanceTexts;
  const peers = memo(SLOW_TTL_MS, () => core.instance.peers());
  const activity = memo(SLOW_TTL_MS, () => core.instance.activity(ACTIVITY_WEEKS));

  app.get('/api/v1/instance/rules', (c) => c.json(serializeRules(texts.rules())));
  app.get('/api/v1/instance/privacy_policy', async (c) => c.json(serializeDatedText(await texts.text('privacy_policy'))));
  app.get('/api/v1/instance/extended_description', async (c) => c.json(serializeDatedText(await texts.text('extended_description'))));
  app.get('/api/v1/instance/terms_of_service', async (c) => c.json(serializeTerms(await texts.text('terms_of_service'))));
  // Parley keeps the terms in effect only: another date names no version.
  app.get('/api/v1/instance/terms_of_service/:date', async (c) => {
    const terms = await texts.text('terms_of_service');
    if (c.req.param('date') !== effectiveDate(terms)) throw notFound();
    return c.json(serializeTerms(terms));
  });
  // What the translation service offers: {} without one.
  app.get('/api/v1/instance/translation_languages', async (c) => c.json(await core.translation.languages()));
  // Parley has no server-level domain blocks (its operators block no server): nothing to list.
  app.get('/api/v1/instance/domain_blocks', (c) => c.json([]));
  app.get('/api/v1/instance/peers', async (c) => c.json(await peers()));
  app.get('/api/v1/instance/activity', async (c) =>
    c.json(
      (await activity()).map((w) => ({
        week: String(Date.parse(`${w.week}T00:00:00Z`) / 1000),
        statuses: String(w.statuses),
        logins: String(w.logins),
        registrations: String(w.registrations),
      })),
    ),
  );
  return app;
}
