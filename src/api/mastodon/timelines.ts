// Timelines (home, public, hashtag, list, link), an account's statuses, favourites and bookmarks.
import { urlContext } from './entities/account.ts';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Paged } from '../../core/pagination.ts';
import type { FilterContext } from '../../core/filters/match.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { linkHeader, pageParams } from '../pagination.ts';
import { respond } from '../response-headers.ts';
import { input, zBool, zList, zString } from '../params.ts';
import { statusesJson } from './entities/status-json.ts';
import { chosenLanguagesOf, readerContext } from '../reader-languages.ts';

const publicParams = z.object({ local: zBool.optional(), remote: zBool.optional(), only_media: zBool.optional() });
const tagParams = publicParams.extend({ any: zList(zString).optional(), all: zList(zString).optional(), none: zList(zString).optional() });
const linkParams = z.object({ url: zString });
const accountParams = z.object({
  exclude_replies: zBool.optional(),
  exclude_reblogs: zBool.optional(),
  only_media: zBool.optional(),
  pinned: zBool.optional(),
  tagged: zString.optional(),
});

export function timelinesRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const { timelines } = core;

  /** Applies the viewer's filters for the context (hide drops, warn marks), then answers with Link headers. */
  const answerPage = async (c: Context<AppEnv>, result: Paged<StatusView>, context: FilterContext | null, viewerId: string | null) => {
    const link = linkHeader(c, config.origin, result);
    const headers: Record<string, string> = link ? { 'Content-Type': 'application/json', Link: link } : { 'Content-Type': 'application/json' };
    const ctx = readerContext(c, urls);
    if (!context || !viewerId) return respond(c, statusesJson(result.items, ctx), headers);
    const { views, matches } = await core.filters.apply(viewerId, context, result.items);
    return respond(
      c,
      statusesJson(views, ctx, (id) => matches.get(id) ?? []),
      headers,
    );
  };
  /** Public lists: anonymous is fine, a sent token must be valid and hold read:statuses. */
  const reader = async (c: Context<AppEnv>) => {
    if (await auth.bearer(c)) await auth.client(c, 'read:statuses');
    return (await auth.viewer(c))?.account.id ?? null;
  };

  app.get('/api/v1/timelines/home', async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    return answerPage(c, await timelines.home(account.id, await pageParams(c)), 'home', account.id);
  });

  app.get('/api/v1/timelines/public', async (c) => {
    const viewerId = await reader(c);
    const p = await input(c, publicParams);
    return answerPage(c, await timelines.public(viewerId, { local: p.local, remote: p.remote, onlyMedia: p.only_media, languages: chosenLanguagesOf(c) }, await pageParams(c)), 'public', viewerId);
  });

  app.get('/api/v1/timelines/tag/:hashtag', async (c) => {
    const viewerId = await reader(c);
    const p = await input(c, tagParams);
    const options = { local: p.local, remote: p.remote, onlyMedia: p.only_media, any: p.any, all: p.all, none: p.none, languages: chosenLanguagesOf(c) };
    return answerPage(c, await timelines.tag(viewerId, c.req.param('hashtag'), options, await pageParams(c)), 'public', viewerId);
  });

  app.get('/api/v1/accounts/:id{[0-9]+}/statuses', async (c) => {
    const viewerId = await reader(c);
    const p = await input(c, accountParams);
    const options = { excludeReplies: p.exclude_replies, excludeReblogs: p.exclude_reblogs, onlyMedia: p.only_media, pinned: p.pinned, tagged: p.tagged };
    return answerPage(c, await timelines.account(viewerId, c.req.param('id'), options, await pageParams(c)), 'account', viewerId);
  });

  app.get('/api/v1/favourites', async (c) => {
    const { account } = await auth.user(c, 'read:favourites');
    return answerPage(c, await timelines.favourites(account.id, await pageParams(c)), null, account.id);
  });

  app.get('/api/v1/bookmarks', async (c) => {
    const { account } = await auth.user(c, 'read:bookmarks');
    return answerPage(c, await timelines.bookmarks(account.id, await pageParams(c)), null, account.id);
  });
  // Filtered in the "home" context, as Mastodon does.
  app.get('/api/v1/timelines/list/:id', async (c) => {
    const { account } = await auth.user(c, 'read:lists');
    return answerPage(c, await timelines.list(account.id, c.req.param('id'), await pageParams(c), chosenLanguagesOf(c)), 'home', account.id);
  });

  // Public posts linking to an address (Mastodon asks for a trending one; Parley keeps no trends).
  app.get('/api/v1/timelines/link', async (c) => {
    const viewerId = await reader(c);
    const { url } = await input(c, linkParams);
    return answerPage(c, await timelines.link(viewerId, url, await pageParams(c)), 'public', viewerId);
  });

  return app;
}
