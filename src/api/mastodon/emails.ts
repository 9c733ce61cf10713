// POST /api/v1/emails/confirmations: Mastodon resends the confirmation e-mail to a user whose
// address awaits confirmation, and refuses anyone else. Parley sends no e-mail (its administrators
// confirm accounts: `parley account confirm`): a confirmed user is answered as Mastodon answers
// one (403), and an unconfirmed user is refused alike, told how their account gets confirmed.
import { Hono } from 'hono';
import type { Auth } from '../auth.ts';
import type { AppEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';

export function emailsRoutes(auth: Auth) {
  const app = new Hono<AppEnv>();

  // Any token of a user: an unconfirmed one may use this route (and no other).
  app.post('/api/v1/emails/confirmations', async (c) => {
    const bearer = await auth.client(c);
    if (!bearer.user) throw new ApiError(403, 'This method is only available to the application the user originally signed-up with');
    if (bearer.user.confirmedAt) throw new ApiError(403, 'This method is only available while the e-mail is awaiting confirmation');
    throw new ApiError(403, 'This server sends no e-mail: its administrators confirm new accounts');
  });
  return app;
}
