// Parley's own endpoint for what Mastodon's API lacks: a user changing their password. Every other
// session of the user is signed out; the one making the change stays.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { input, zString } from '../params.ts';

const passwordParams = z.object({ current_password: zString, password: zString });

export function passwordRoutes(deps: ApiDeps, auth: Auth) {
  const { core } = deps;
  const app = new Hono<AppEnv>();
  app.post('/api/parley/v1/password', async (c) => {
    const { bearer, user } = await auth.user(c, 'write:accounts');
    const p = await input(c, passwordParams);
    await core.accounts.changePassword(user.id, p.current_password, p.password);
    const signedOut = await core.oauth.revokeUserTokens(user.id, bearer.token.id);
    return c.json({ signed_out_sessions: signedOut });
  });
  return app;
}
