// GET /api/oembed: how another site embeds a post of this server (oEmbed "rich"): an iframe of the
// post's embed page (see public/routes). Only this server's public and unlisted posts are
// embedded, as Mastodon does; anything else is not found.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import { input, zString } from '../params.ts';
import { accountUrls, urlContext } from './entities/account.ts';
import { statusUrls } from './entities/status.ts';

const DEFAULT_WIDTH = 400;
const CACHE_AGE = 86_400;

/** Sizes as Mastodon reads them: a number, or the default when absent or not one. */
const size = zString.optional().transform((v) => (v && /^\d{1,5}$/.test(v) && Number(v) > 0 ? Number(v) : undefined));
const params = z.object({ url: zString.default(''), maxwidth: size, maxheight: size });

/** The status id a URL of this server names (/@user/:id or /users/:user/statuses/:id), with the username. */
function localStatus(url: string, origin: string): { username: string; id: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== origin) return undefined;
  const m = /^\/(?:@([A-Za-z0-9_]+)|users\/([A-Za-z0-9_]+)\/statuses)\/(\d+)\/?$/.exec(parsed.pathname);
  return m ? { username: (m[1] ?? m[2])!, id: m[3]! } : undefined;
}

export function oembedRoutes(deps: ApiDeps) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();

  app.get('/api/oembed', async (c) => {
    const p = await input(c, params);
    const named = localStatus(p.url, config.origin);
    if (!named) throw notFound();
    // As an anonymous visitor sees it: a private post is not found (the core's NotFoundError, a 404).
    const post = await core.statuses.get(null, named.id);
    const author = post.account.account;
    if (post.reblog || author.domain || author.username.toLowerCase() !== named.username.toLowerCase()) throw notFound();
    const width = p.maxwidth ?? DEFAULT_WIDTH;
    const height = p.maxheight ?? null;
    const embed = `${statusUrls(post, urls).url}/embed`;
    return c.json({
      type: 'rich',
      version: '1.0',
      title: `New status by ${author.username}`,
      author_name: author.displayName || author.username,
      author_url: accountUrls(author, urls).url,
      provider_name: config.domain,
      provider_url: `${config.origin}/`,
      cache_age: CACHE_AGE,
      html: `<iframe src="${e(embed)}" class="mastodon-embed" style="max-width: 100%; border: 0" width="${width}"${height ? ` height="${height}"` : ''} allowfullscreen="allowfullscreen"></iframe>`,
      width,
      height,
    });
  });
  return app;
}
