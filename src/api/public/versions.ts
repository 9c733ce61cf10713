// A post in several languages on the public pages and the feed: each visitor reads the version
// their `?lang=` or Accept-Language asks for (the rule of core/statuses/versions, through
// api/reader-languages, as the API applies it; never the signed-in user's settings: these pages
// are what anybody sees), and every version has its own address, `?lang=<code>`, linked from
// the post and announced with hreflang.
import type { Context } from 'hono';
import { chooseVersion } from '../../core/statuses/versions.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { languagesOfPost } from '../mastodon/entities/status-versions.ts';
import { languagesOf } from '../reader-languages.ts';

/** What a visitor reads of a post: its primary text, or the version in their language. */
export interface ShownText {
  contentHtml: string;
  spoilerText: string;
  language: string | null;
}

/** The page's rendering context, with the languages this visitor asks for (whoever is signed in). */
export function visitorContext(c: Context, urls: UrlContext): UrlContext {
  const languages = languagesOf({ lang: c.req.query('lang'), acceptLanguage: c.req.header('accept-language') }, null);
  return languages.length > 0 ? { ...urls, languages } : urls;
}

export function shownText(view: StatusView, ctx: UrlContext): ShownText {
  const { status } = view;
  return chooseVersion(status.language, view.versions, ctx.languages) ?? { contentHtml: status.contentHtml, spoilerText: status.spoilerText, language: status.language };
}

/** A version's own address: the post's page with `?lang=`. */
export const versionUrl = (postUrl: string, language: string) => `${postUrl}?lang=${encodeURIComponent(language)}`;

/** Each language a post is written in, primary first, with its address (none when it has one). */
export function versionAddresses(view: StatusView, postUrl: string): { language: string; href: string }[] {
  return languagesOfPost(view).map((language) => ({ language, href: versionUrl(postUrl, language) }));
}

/** A language's name in that language ("ไทย" for th), for a visitor who reads it. */
function ownName(language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** The visible links to a post's versions, the one shown marked as current ('' for a post in one language). */
export function versionLinksHtml(view: StatusView, postUrl: string, shown: string | null): string {
  const links = versionAddresses(view, postUrl).map(
    ({ language, href }) => `<a href="${e(href)}" hreflang="${e(language)}" lang="${e(language)}"${language === shown ? ' aria-current="true"' : ''}>${e(ownName(language))}</a>`,
  );
  return links.length > 0 ? `<nav class="versions muted" aria-label="Languages of this post">${links.join(' · ')}</nav>` : '';
}

/** Content-Language of a response showing these texts: their languages, as far as they are known. */
export function contentLanguage(shown: readonly ShownText[]): Record<string, string> {
  const languages = [...new Set(shown.map((t) => t.language).filter((l) => l !== null))];
  return languages.length > 0 ? { 'Content-Language': languages.join(', ') } : {};
}

/** Pages and feeds choose by Accept-Language: caches keep one copy per language asked. */
export const VARY_LANGUAGE = { Vary: 'Accept-Language' } as const;
