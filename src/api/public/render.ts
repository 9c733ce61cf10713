// Profiles and posts as HTML, from the same views the API serialises (so the same visibility rules).
import type { AccountView } from '../../core/accounts/views.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import { accountUrls, serializeAccount, type UrlContext } from '../mastodon/entities/account.ts';
import { statusUrls } from '../mastodon/entities/status.ts';
import { shownText, versionLinksHtml } from './versions.ts';

export function displayName(view: AccountView): string {
  return view.account.displayName || view.account.username;
}

export function handle(view: AccountView, ctx: UrlContext): string {
  return `@${view.account.username}@${view.account.domain ?? ctx.domain}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function time(date: Date): string {
  const iso = date.toISOString();
  return `<time datetime="${iso}">${e(date.toUTCString().replace(/ GMT$/, ' UTC'))}</time>`;
}

export function profileHtml(view: AccountView, ctx: UrlContext): string {
  const a = serializeAccount(view, ctx);
  const fields = a.fields.length ? `<dl class="fields">${a.fields.map((f) => `<dt>${f.name}</dt><dd>${f.value}</dd>`).join('')}</dl>` : '';
  return `<section class="card profile" aria-labelledby="profile-name">
<img class="banner" src="${e(a.header)}" alt="">
<div class="body">
<img class="avatar" src="${e(a.avatar)}" alt="">
<h1 id="profile-name">${e(displayName(view))}</h1>
<p class="muted" translate="no">${e(handle(view, ctx))}</p>
<div class="note">${a.note}</div>
${fields}
<ul class="counts">
<li><strong>${a.statuses_count}</strong> ${a.statuses_count === 1 ? 'post' : 'posts'}</li>
<li><strong>${a.following_count}</strong> following</li>
<li><strong>${a.followers_count}</strong> ${a.followers_count === 1 ? 'follower' : 'followers'}</li>
</ul>
</div>
</section>`;
}

/** A post in the version the reader of `ctx` asks for, with links to its other versions. */
export function postHtml(view: StatusView, ctx: UrlContext, options: { heading?: boolean } = {}): string {
  const { status: s, account } = view;
  const url = statusUrls(view, ctx).url;
  const author = accountUrls(account.account, ctx).url;
  const avatar = serializeAccount(account, ctx).avatar;
  const shown = shownText(view, ctx);
  const body = `<div class="content">${shown.contentHtml}</div>`;
  const content = `${shown.spoilerText ? `<details><summary>${e(shown.spoilerText)}</summary>${body}</details>` : body}${versionLinksHtml(view, url, shown.language)}`;
  const name = options.heading ? `<h1 class="name" style="font-size:1rem;margin:0">${e(displayName(account))}</h1>` : `<a class="name" href="${e(author)}">${e(displayName(account))}</a>`;
  return `<article class="card post"${shown.language ? ` lang="${e(shown.language)}"` : ''}>
<header><img class="small-avatar" src="${e(avatar)}" alt=""><div>${name}<div class="muted" translate="no">${e(handle(account, ctx))}</div></div></header>
${content}
<footer class="muted"><a href="${e(url)}">${time(s.createdAt)}</a>${s.editedAt ? '<span>edited</span>' : ''}<span>${count(s.repliesCount, 'reply', 'replies')}</span><span>${count(s.reblogsCount, 'boost', 'boosts')}</span><span>${count(s.favouritesCount, 'favourite', 'favourites')}</span></footer>
</article>`;
}
