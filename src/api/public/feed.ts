// An account's public posts as RSS 2.0, for feed readers.
import type { AccountView } from '../../core/accounts/views.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import { accountUrls, serializeAccount, type UrlContext } from '../mastodon/entities/account.ts';
import { statusUrls } from '../mastodon/entities/status.ts';
import { plainExcerpt } from './html.ts';
import { shownText, versionAddresses } from './versions.ts';

export function accountFeed(view: AccountView, posts: StatusView[], ctx: UrlContext): string {
  const profile = accountUrls(view.account, ctx).url;
  const name = view.account.displayName || view.account.username;
  const items = posts.map((p) => {
    const url = statusUrls(p, ctx).url;
    // The version the reader asks for, and the address of each (Atom's hreflang links).
    const shown = shownText(p, ctx);
    const title = shown.spoilerText || plainExcerpt(shown.contentHtml, 80);
    const versions = versionAddresses(p, url).map((v) => `\n<atom:link rel="alternate" hreflang="${e(v.language)}" href="${e(v.href)}"/>`);
    return `<item>
<title>${e(title)}</title>
<link>${e(url)}</link>
<guid isPermaLink="true">${e(url)}</guid>
<pubDate>${p.status.createdAt.toUTCString()}</pubDate>
<description>${e(shown.spoilerText ? `<p>${e(shown.spoilerText)}</p>${shown.contentHtml}` : shown.contentHtml)}</description>${versions.join('')}
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${e(name)} (@${e(view.account.username)}@${e(ctx.domain)})</title>
<link>${e(profile)}</link>
<atom:link href="${e(`${profile}.rss`)}" rel="self" type="application/rss+xml"/>
<description>${e(plainExcerpt(view.account.noteHtml, 500) || `Public posts from @${view.account.username}@${ctx.domain}`)}</description>
<image><url>${e(serializeAccount(view, ctx).avatar)}</url><title>${e(name)}</title><link>${e(profile)}</link></image>
${items.join('\n')}
</channel>
</rss>`;
}
