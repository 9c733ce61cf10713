// The browser session cookie for the server's own sign-in and consent pages.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config.ts';
import type { Core } from '../../core/index.ts';

const COOKIE = 'parley_session';

export function createSessions(core: Core, config: Config) {
  const secure = config.origin.startsWith('https:');
  return {
    async userId(c: Context): Promise<string | undefined> {
      const id = getCookie(c, COOKIE);
      return id ? core.oauth.webSessionUser(id) : undefined;
    },
    async start(c: Context, userId: string): Promise<void> {
      const id = await core.oauth.createWebSession(userId);
      setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 30 * 86_400 });
    },
    async end(c: Context): Promise<void> {
      const id = getCookie(c, COOKIE);
      if (id) await core.oauth.endWebSession(id);
      deleteCookie(c, COOKIE, { path: '/', secure });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

/** Only same-site paths may be returned to after sign-in (no open redirects). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
