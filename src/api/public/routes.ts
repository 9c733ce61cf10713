// Public pages for everybody, with or without JavaScript: /@username (profile and recent posts;
// /@username/tagged/:tag those carrying a hashtag), /@username/:id (a post in its thread),
// /@username/:id/embed (the post alone, for other sites to frame) and /@username.rss. Always
// rendered as an anonymous visitor sees them, whoever asks, so only public and unlisted posts can
// ever appear here.
import { urlContext } from '../mastodon/entities/account.ts';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Account } from '../../core/accounts/service.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { redirectTo } from '../header-values.ts';
import { accountFeed } from './feed.ts';
import { EMBED_CSP, PUBLIC_CSP } from './html.ts';
import { embeddedPostPage, notFoundPage, postPage, profilePage } from './pages.ts';
import { contentLanguage, shownText, VARY_LANGUAGE, visitorContext } from './versions.ts';

const PAGE_SIZE = 20;
const USERNAME = '[A-Za-z0-9_]+';

/** ActivityPub clients asking for /@user get the actor (Mastodon does the same). */
function wantsActivityPub(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/activity+json') || accept.includes('application/ld+json');
}

export function publicRoutes(deps: ApiDeps) {
  const { core, config } = deps;
  const ctx = urlContext(config);
  const app = new Hono<AppEnv>();
  // Posts are shown in the version the visitor's Accept-Language asks for.
  const headers = { 'Content-Security-Policy': PUBLIC_CSP, 'Cache-Control': 'public, max-age=60', ...VARY_LANGUAGE };
  const notFound = (c: Context) => c.html(notFoundPage(config, c.req.path), 404, headers);

  /** A local, active account by its username. */
  async function local(username: string): Promise<Account | undefined> {
    const account = await core.accounts.lookup(username);
    return account && !account.domain && !account.suspendedAt ? account : undefined;
  }

  async function recentPosts(account: Account, maxId?: string, tagged?: string) {
    return core.timelines.account(null, account.id, { excludeReplies: true, excludeReblogs: true, tagged }, { limit: PAGE_SIZE, maxId });
  }

  /** The profile page, its posts from `max_id` on (only those carrying `tagged`, if given). */
  async function profile(c: Context, account: Account, tagged?: string) {
    const maxId = c.req.query('max_id');
    const [view, posts] = await Promise.all([core.accountViews.one(account), recentPosts(account, maxId && isId(maxId) ? maxId : undefined, tagged)]);
    const older = posts.cursors && posts.items.length === PAGE_SIZE ? posts.cursors.oldest : undefined;
    return c.html(profilePage(config, visitorContext(c, ctx), view, posts.items, older, tagged), 200, headers);
  }

  app.get(`/:handle{@${USERNAME}\\.rss}`, async (c) => {
    const account = await local(c.req.param('handle').slice(1, -'.rss'.length));
    if (!account) return notFound(c);
    const posts = await recentPosts(account);
    const reader = visitorContext(c, ctx);
    return c.body(accountFeed(await core.accountViews.one(account), posts.items, reader), 200, {
      'Content-Type': 'application/rss+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      ...VARY_LANGUAGE,
      ...contentLanguage(posts.items.map((p) => shownText(p, reader))),
    });
  });

  app.get(`/:handle{@${USERNAME}}`, async (c) => {
    const username = c.req.param('handle').slice(1);
    if (wantsActivityPub(c)) return redirectTo(c, `/users/${username}`);
    const account = await local(username);
    if (!account) return notFound(c);
    return profile(c, account);
  });

  // A featured hashtag's address (see FeaturedTag's url): the account's posts carrying it.
  app.get(`/:handle{@${USERNAME}}/tagged/:tag`, async (c) => {
    const account = await local(c.req.param('handle').slice(1));
    if (!account) return notFound(c);
    return profile(c, account, c.req.param('tag'));
  });

  /** A public or unlisted post of this local account, as an anonymous visitor sees it (not a reblog). */
  async function publicPost(username: string, id: string) {
    const account = await local(username);
    if (!account || !isId(id)) return undefined;
    try {
      const post = await core.statuses.get(null, id);
      return post.account.account.id === account.id && !post.reblog ? { account, post } : undefined;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  app.get(`/:handle{@${USERNAME}}/:id{[0-9]+}`, async (c) => {
    const username = c.req.param('handle').slice(1);
    const id = c.req.param('id');
    if (wantsActivityPub(c)) return redirectTo(c, `/users/${username}/statuses/${id}`);
    const found = await publicPost(username, id);
    if (!found) return notFound(c);
    const thread = await core.statuses.context(null, id);
    const reader = visitorContext(c, ctx);
    const page = postPage(config, reader, found.account, found.post, thread, c.req.query('lang') !== undefined);
    return c.html(page, 200, { ...headers, ...contentLanguage([shownText(found.post, reader)]) });
  });

  // The embed page oEmbed's iframe shows: the one page other sites may frame.
  app.get(`/:handle{@${USERNAME}}/:id{[0-9]+}/embed`, async (c) => {
    const found = await publicPost(c.req.param('handle').slice(1), c.req.param('id'));
    if (!found) return notFound(c);
    c.set('framing', 'anywhere');
    const reader = visitorContext(c, ctx);
    return c.html(embeddedPostPage(reader, found.account, found.post), 200, {
      'Content-Security-Policy': EMBED_CSP,
      'Cache-Control': 'public, max-age=60',
      ...VARY_LANGUAGE,
      ...contentLanguage([shownText(found.post, reader)]),
    });
  });
  return app;
}
