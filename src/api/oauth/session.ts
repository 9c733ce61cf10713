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

/**
 * Where to go after sign-in: a place on this server, as the browser will read it, or else the home
 * page. The value is read with the WHATWG URL parser, the browsers' own (it drops tabs and newlines
 * and reads `\` as `/`, so `/\t/evil.example` is the other site it is), and what is sent back is
 * its normalised path, which must itself still lead here (`/.//evil.example` normalises to
 * `//evil.example`, which would not).
 */
export function safeReturnPath(value: unknown, origin: string): string {
  if (typeof value !== 'string') return '/';
  const own = new URL(origin).origin;
  const resolve = (input: string) => URL.parse(input, `${own}/`);
  const url = resolve(value);
  if (url?.origin !== own) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return resolve(path)?.origin === own ? path : '/';
}
