// The public pages whole, from what the routes loaded: a profile with its recent posts, a post in
// its thread, and the page for what is not there (or not public).
import type { Account } from '../../core/accounts/service.ts';
import type { AccountView } from '../../core/accounts/views.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import type { Config } from '../../config.ts';
import { accountUrls, serializeAccount, type UrlContext } from '../mastodon/entities/account.ts';
import { statusUrls } from '../mastodon/entities/status.ts';
import { embedPage, plainExcerpt, publicPage } from './html.ts';
import { postHtml, profileHtml } from './render.ts';
import { shownText, versionAddresses, versionUrl } from './versions.ts';

export function notFoundPage(config: Config, path: string): string {
  return publicPage(
    {
      title: `Not found - ${config.instance.title}`,
      description: '',
      url: `${config.origin}${path}`,
      image: `${config.origin}/avatars/original/missing.png`,
      type: 'article',
      noindex: true,
      appPath: '/',
      siteName: config.instance.title,
    },
    `<section class="card"><h1>Not found</h1><p>This page does not exist, or is not public.</p></section>`,
  );
}

/** `older`: the cursor of the next page of posts, when there is one. */
/** The profile with its recent posts; with `tagged`, only those carrying that hashtag (/@user/tagged/:tag, a featured tag's address). */
export function profilePage(config: Config, ctx: UrlContext, view: AccountView, posts: readonly StatusView[], older: string | undefined, tagged?: string): string {
  const { account } = view;
  const url = accountUrls(account, ctx).url;
  const here = tagged ? `${url}/tagged/${encodeURIComponent(tagged)}` : url;
  const olderLink = older ? `<p><a href="${e(`${here}?max_id=${older}`)}">Older posts</a></p>` : '';
  const list = posts.length ? posts.map((p) => postHtml(p, ctx)).join('\n') : `<p class="card muted">No public posts yet.</p>`;
  return publicPage(
    {
      title: `${account.displayName || account.username} (@${account.username}@${config.domain})`,
      description: plainExcerpt(account.noteHtml) || `Posts from @${account.username}@${config.domain}`,
      url,
      image: serializeAccount(view, ctx).avatar,
      type: 'profile',
      noindex: !account.indexable,
      alternate: { type: 'application/rss+xml', title: `Posts from @${account.username}`, href: `${url}.rss` },
      appPath: `/web/@${account.username}`,
      siteName: config.instance.title,
    },
    `${profileHtml(view, ctx)}\n<h2>${tagged ? `Posts tagged #${e(tagged)}` : 'Posts'}</h2>\n${list}\n${olderLink}`,
  );
}

const postTitle = (account: Account, shown: { contentHtml: string; spoilerText: string }) =>
  `${account.displayName || account.username}: "${shown.spoilerText || plainExcerpt(shown.contentHtml, 60)}"`;

/** A post in its thread, in the version the visitor asks for; `explicit`: asked for by its own address (`?lang=`). */
export function postPage(config: Config, ctx: UrlContext, account: Account, post: StatusView, thread: { ancestors: StatusView[]; descendants: StatusView[] }, explicit = false): string {
  const s = post.status;
  const url = statusUrls(post, ctx).url;
  const shown = shownText(post, ctx);
  const languages = versionAddresses(post, url);
  return publicPage(
    {
      title: postTitle(account, shown),
      description: shown.spoilerText ? `Content warning: ${shown.spoilerText}` : plainExcerpt(shown.contentHtml),
      url,
      languages,
      // A version asked for by its address is its own page; otherwise the page is the post's, whichever version it shows.
      canonical: explicit && shown.language && ctx.languages?.[0] === shown.language && languages.length > 0 ? versionUrl(url, shown.language) : undefined,
      image: serializeAccount(post.account, ctx).avatar,
      type: 'article',
      noindex: !account.indexable,
      alternate: { type: 'application/rss+xml', title: `Posts from @${account.username}`, href: `${accountUrls(account, ctx).url}.rss` },
      appPath: `/web/@${account.username}/${s.id}`,
      siteName: config.instance.title,
      lang: shown.language,
      oembed: `${config.origin}/api/oembed?url=${encodeURIComponent(url)}`,
    },
    [...thread.ancestors.map((p) => postHtml(p, ctx)), postHtml(post, ctx, { heading: true }), ...thread.descendants.map((p) => postHtml(p, ctx))].join('\n'),
  );
}

/** A post alone, for other sites to frame (see api/mastodon/oembed). */
export function embeddedPostPage(ctx: UrlContext, account: Account, post: StatusView): string {
  const shown = shownText(post, ctx);
  return embedPage({ title: postTitle(account, shown), lang: shown.language }, postHtml(post, ctx, { heading: true }));
}
