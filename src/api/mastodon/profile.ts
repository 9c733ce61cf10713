// /api/v1/profile (Mastodon 4.6): the user's own profile, read and edited as typed; and taking the
// avatar or header off the profile. The edit is the same as update_credentials' (see accounts).
import { Hono } from 'hono';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input } from '../params.ts';
import { credentialAccount, profilePatch, updateParams } from './accounts.ts';
import { urlContext } from './entities/account.ts';
import { serializeProfile } from './entities/profile.ts';
import { serializeFeaturedTag } from './entities/tag.ts';
import type { Account } from '../../core/accounts/service.ts';

export function profileRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const profile = async (account: Account) =>
    serializeProfile(
      account,
      (await core.tags.featuredOf(account.id)).map((f) => serializeFeaturedTag(f, config.origin, account.username)),
    );

  app.get('/api/v1/profile', async (c) => {
    const { account } = await auth.user(c, 'profile', 'read:accounts');
    return c.json(await profile(account));
  });

  // Parameters Parley does not keep (pictures and their descriptions, profile tabs, attribution
  // domains) are left aside, as update_credentials leaves them. PUT too, as Rails routes it.
  app.on(['PATCH', 'PUT'], '/api/v1/profile', async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    const updated = await core.accounts.updateProfile(account.id, profilePatch(await input(c, updateParams)));
    return c.json(await profile(updated.account));
  });

  for (const picture of ['avatar', 'header'] as const) {
    app.delete(`/api/v1/profile/${picture}`, async (c) => {
      const { account } = await auth.user(c, 'write:accounts');
      const updated = await core.accounts.updateProfile(account.id, { remove: [picture] });
      return c.json(await credentialAccount(core, urls, updated.user, updated.account));
    });
  }
  return app;
}
