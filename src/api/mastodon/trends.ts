// Trends: tags (and the older alias /api/v1/trends), statuses and links, as the trends job stored
// them (see core/trends). Anyone may read them; a sent token must be valid.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { TrendingLink, TrendingTag } from '../../core/trends/read.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { offsetLinkHeader } from '../pagination.ts';
import { input, zInt } from '../params.ts';
import { urlContext } from './entities/account.ts';
import { statusesJson } from './entities/status-json.ts';
import { respond } from '../response-headers.ts';

// Mastodon's defaults and bounds: 10 tags or links (at most 20), 20 statuses (at most 40).
const paramsOf = (defaultLimit: number, max: number) =>
  z
    .object({
      offset: zInt.pipe(z.number().min(0).max(10_000)).optional(),
      limit: zInt.transform((v) => Math.min(Math.max(v, 1), max)).optional(),
    })
    .transform((p) => ({ offset: p.offset ?? 0, limit: p.limit ?? defaultLimit }));
const shortParams = paramsOf(10, 20);
const statusParams = paramsOf(20, 40);

function serializeTag(t: TrendingTag, origin: string) {
  return { id: t.id, name: t.displayName, url: `${origin}/tags/${encodeURIComponent(t.name)}`, history: t.history };
}

/** A trending link: Parley fetches no preview cards, so the card says what the address alone says. */
function serializeLink(l: TrendingLink) {
  return {
    url: l.url,
    title: l.url,
    description: '',
    type: 'link',
    author_name: '',
    author_url: '',
    authors: [],
    provider_name: new URL(l.url).hostname,
    provider_url: '',
    html: '',
    width: 0,
    height: 0,
    image: null,
    image_description: '',
    embed_url: '',
    blurhash: null,
    published_at: null,
    history: l.history,
  };
}

export function trendsRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const { trends } = core;
  /** JSON with the page's Link header, if it has one. */
  const answer = (c: Context<AppEnv>, body: string | Uint8Array<ArrayBuffer>, page: { offset: number; limit: number; count: number }) => {
    const link = offsetLinkHeader(c, config.origin, page);
    return respond(c, body, link ? { 'Content-Type': 'application/json', Link: link } : { 'Content-Type': 'application/json' });
  };
  const reader = async (c: Context<AppEnv>) => {
    if (await auth.bearer(c)) await auth.client(c);
    return (await auth.viewer(c))?.account.id ?? null;
  };

  const tags = async (c: Context<AppEnv>) => {
    await reader(c);
    const p = await input(c, shortParams);
    const found = await trends.tags(p);
    return answer(c, JSON.stringify(found.map((t) => serializeTag(t, config.origin))), { ...p, count: found.length });
  };
  app.get('/api/v1/trends/tags', tags);
  app.get('/api/v1/trends', tags);

  app.get('/api/v1/trends/statuses', async (c) => {
    const viewerId = await reader(c);
    const p = await input(c, statusParams);
    const found = await trends.statuses(viewerId, p);
    const page = { ...p, count: found.length };
    if (!viewerId) return answer(c, statusesJson(found, urls), page);
    // Hidden by the viewer's filters or not, the page counted as full: the next one follows on.
    const { views, matches } = await core.filters.apply(viewerId, 'public', found);
    return answer(
      c,
      statusesJson(views, urls, (id) => matches.get(id) ?? []),
      page,
    );
  });

  app.get('/api/v1/trends/links', async (c) => {
    await reader(c);
    const p = await input(c, shortParams);
    const found = await trends.links(p);
    return answer(c, JSON.stringify(found.map(serializeLink)), { ...p, count: found.length });
  });
  return app;
}
