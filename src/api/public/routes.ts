// Public pages for everybody, with or without JavaScript: /@username (profile and recent posts),
// /@username/:id (a post in its thread) and /@username.rss. Always rendered as an anonymous visitor
// sees them, whoever asks, so only public and unlisted posts can ever appear here.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Account } from '../../core/accounts/service.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { redirectTo } from '../header-values.ts';
import { accountUrls, serializeAccount } from '../mastodon/entities/account.ts';
import { statusUrls } from '../mastodon/entities/status.ts';
import { accountFeed } from './feed.ts';
import { plainExcerpt, PUBLIC_CSP, publicPage } from './html.ts';
import { postHtml, profileHtml } from './render.ts';

const PAGE_SIZE = 20;
const USERNAME = '[A-Za-z0-9_]+';

/** ActivityPub clients asking for /@user get the actor (Mastodon does the same). */
function wantsActivityPub(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/activity+json') || accept.includes('application/ld+json');
}

export function publicRoutes(deps: ApiDeps) {
  const { core, config } = deps;
  const ctx = { origin: config.origin, domain: config.domain };
  const app = new Hono<AppEnv>();
  const headers = { 'Content-Security-Policy': PUBLIC_CSP, 'Cache-Control': 'public, max-age=60' };

  const notFound = (c: Context) =>
    c.html(
      publicPage(
        {
          title: `Not found - ${config.instance.title}`,
          description: '',
          url: `${config.origin}${c.req.path}`,
          image: `${config.origin}/avatars/original/missing.png`,
          type: 'article',
          noindex: true,
          appPath: '/',
          siteName: config.instance.title,
        },
        `<section class="card"><h1>Not found</h1><p>This page does not exist, or is not public.</p></section>`,
      ),
      404,
      headers,
    );

  /** A local, active account by its username. */
  async function local(username: string): Promise<Account | undefined> {
    const account = await core.accounts.lookup(username);
    return account && !account.domain && !account.suspendedAt ? account : undefined;
  }

  async function recentPosts(account: Account, maxId?: string) {
    return core.timelines.account(null, account.id, { excludeReplies: true, excludeReblogs: true }, { limit: PAGE_SIZE, maxId });
  }

  app.get(`/:handle{@${USERNAME}\\.rss}`, async (c) => {
    const account = await local(c.req.param('handle').slice(1, -'.rss'.length));
    if (!account) return notFound(c);
    const posts = await recentPosts(account);
    return c.body(accountFeed(await core.accountViews.one(account), posts.items, ctx), 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });

  app.get(`/:handle{@${USERNAME}}`, async (c) => {
    const username = c.req.param('handle').slice(1);
    if (wantsActivityPub(c)) return redirectTo(c, `/users/${username}`);
    const account = await local(username);
    if (!account) return notFound(c);
    const maxId = c.req.query('max_id');
    const [view, posts] = await Promise.all([core.accountViews.one(account), recentPosts(account, maxId && isId(maxId) ? maxId : undefined)]);
    const a = serializeAccount(view, ctx);
    const url = accountUrls(account, ctx).url;
    const older = posts.cursors && posts.items.length === PAGE_SIZE ? `<p><a href="${e(`${url}?max_id=${posts.cursors.oldest}`)}">Older posts</a></p>` : '';
    const list = posts.items.length ? posts.items.map((p) => postHtml(p, ctx)).join('\n') : `<p class="card muted">No public posts yet.</p>`;
    const html = publicPage(
      {
        title: `${account.displayName || account.username} (@${account.username}@${config.domain})`,
        description: plainExcerpt(account.noteHtml) || `Posts from @${account.username}@${config.domain}`,
        url,
        image: a.avatar,
        type: 'profile',
        noindex: !account.indexable,
        alternate: { type: 'application/rss+xml', title: `Posts from @${account.username}`, href: `${url}.rss` },
        appPath: `/web/@${account.username}`,
        siteName: config.instance.title,
      },
      `${profileHtml(view, ctx)}\n<h2>Posts</h2>\n${list}\n${older}`,
    );
    return c.html(html, 200, headers);
  });

  app.get(`/:handle{@${USERNAME}}/:id{[0-9]+}`, async (c) => {
    const username = c.req.param('handle').slice(1);
    const id = c.req.param('id');
    if (wantsActivityPub(c)) return redirectTo(c, `/users/${username}/statuses/${id}`);
    const account = await local(username);
    if (!account || !isId(id)) return notFound(c);
    let post: Awaited<ReturnType<typeof core.statuses.get>>;
    let thread: Awaited<ReturnType<typeof core.statuses.context>>;
    try {
      post = await core.statuses.get(null, id);
      thread = await core.statuses.context(null, id);
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(c);
      throw error;
    }
    if (post.account.account.id !== account.id || post.reblog) return notFound(c);
    const s = post.status;
    const html = publicPage(
      {
        title: `${account.displayName || account.username}: "${s.spoilerText || plainExcerpt(s.contentHtml, 60)}"`,
        description: s.spoilerText ? `Content warning: ${s.spoilerText}` : plainExcerpt(s.contentHtml),
        url: statusUrls(post, ctx).url,
        image: serializeAccount(post.account, ctx).avatar,
        type: 'article',
        noindex: !account.indexable,
        alternate: { type: 'application/rss+xml', title: `Posts from @${account.username}`, href: `${accountUrls(account, ctx).url}.rss` },
        appPath: `/web/@${account.username}/${s.id}`,
        siteName: config.instance.title,
        lang: s.language,
      },
      [...thread.ancestors.map((p) => postHtml(p, ctx)), postHtml(post, ctx, { heading: true }), ...thread.descendants.map((p) => postHtml(p, ctx))].join('\n'),
    );
    return c.html(html, 200, headers);
  });
  return app;
}
