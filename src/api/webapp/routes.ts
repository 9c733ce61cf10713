// The web app's built files (web/dist, made by scripts/build-web.ts): hashed assets cached for a
// year, and index.html for `/` and every client route under /web/. The app itself only talks to
// the Mastodon API, like any other client.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { redirectTo } from '../header-values.ts';
import { contentSecurityPolicy } from '../security-headers.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

// The app loads nothing from elsewhere; images, video and sound may come from other servers (federated posts, a CDN).
const CSP = contentSecurityPolicy({
  'default-src': "'self'",
  'img-src': "'self' https: data:",
  'media-src': "'self' https:",
  'style-src': "'self'",
  'connect-src': "'self' ws: wss:",
  'form-action': "'self'",
});

export function webAppRoutes(dist = WEB_DIST) {
  const app = new Hono<AppEnv>();
  const assetsDir = path.join(dist, 'assets');
  const missing = `<!doctype html><meta charset="utf-8"><title>Parley</title><p>The web app has not been built: run <code>npm run build:web</code>, then reload.</p>`;

  // Read on each request: a rebuild while the server runs is picked up, and the file is small.
  const index = (c: Context<AppEnv>) => {
    let html: string;
    try {
      html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    } catch {
      return c.html(missing, 503);
    }
    return c.html(html, 200, { 'Cache-Control': 'no-cache', 'Content-Security-Policy': CSP });
  };

  app.get('/', (c) => index(c));
  app.get('/web', (c) => index(c));
  app.get('/web/*', (c) => index(c));
  app.get('/assets/:file{[A-Za-z0-9._-]+}', async (c) => {
    const file = c.req.param('file');
    const type = TYPES[path.extname(file)];
    if (!type) return c.notFound();
    let body: Buffer;
    try {
      body = await fs.promises.readFile(path.join(assetsDir, file));
    } catch {
      return c.notFound();
    }
    // Vite names every asset by its content hash: a name never changes meaning.
    return c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });
  // Hashtag links in posts point at /tags/:name; the app shows the tag's timeline.
  app.get('/tags/:name', (c) => redirectTo(c, `/web/tags/${encodeURIComponent(c.req.param('name'))}`));
  return app;
}
