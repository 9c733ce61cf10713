// Which languages the reader of this request wants, for the version of each post they get (see
// core/statuses/versions): `lang` in the query, then the signed-in user's reading and posting
// languages, then Accept-Language. Read after the route's authentication (its bearer is kept on the
// request); a request that says nothing of languages renders as before.
import type { Context } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { readerLanguages } from '../core/statuses/versions.ts';
import type { User } from '../core/accounts/service.ts';
import type { UrlContext } from './mastodon/entities/account.ts';
import type { AppEnv } from './deps.ts';

/** The languages an Accept-Language header accepts, most wanted first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return parseAccept(header)
    .filter((a) => a.q > 0 && a.type !== '*')
    .sort((a, b) => b.q - a.q)
    .map((a) => a.type);
}

/** The reader's languages from what a request (or a stream's opening request) says, and who sent it. */
export function languagesOf(request: { lang?: string | undefined; acceptLanguage?: string | undefined }, user: User | null | undefined): string[] {
  return readerLanguages({
    explicit: request.lang,
    chosen: user?.chosenLanguages,
    posting: user?.settings.defaultLanguage,
    accepted: acceptedLanguages(request.acceptLanguage),
  });
}

/** The rendering context of this request: the server's URLs, and the reader's languages. */
export function readerContext(c: Context<AppEnv>, urls: UrlContext): UrlContext {
  const languages = languagesOf({ lang: c.req.query('lang'), acceptLanguage: c.req.header('accept-language') }, c.get('bearer')?.user);
  return languages.length > 0 ? { ...urls, languages } : urls;
}

/** The languages the signed-in reader chose to read (Mastodon's chosen_languages): public timelines, lists and search keep to them. */
export const chosenLanguagesOf = (c: Context<AppEnv>): readonly string[] | null => c.get('bearer')?.user?.chosenLanguages ?? null;
