// The HTTP server's shape: shared middleware, then each door's routes, then JSON errors for the rest.
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { Bus } from '../infra/bus.ts';
import { createAuth, presentedTokenHash } from './auth.ts';
import { apiCors } from './cors.ts';
import type { ApiDeps, AppEnv } from './deps.ts';
import { ApiError, errorResponse } from './errors.ts';
import { accountsRoutes } from './mastodon/accounts.ts';
import { appsRoutes } from './mastodon/apps.ts';
import { DEFAULT_AVATAR_PATH, DEFAULT_HEADER_PATH } from './mastodon/entities/account.ts';
import { filtersRoutes } from './mastodon/filters.ts';
import { listsRoutes } from './mastodon/lists.ts';
import { passwordRoutes } from './parley/password.ts';
import { instanceRoutes } from './mastodon/instance.ts';
import { notificationsRoutes } from './mastodon/notifications.ts';
import { relationsRoutes } from './mastodon/relations.ts';
import { searchRoutes } from './mastodon/search.ts';
import { statusesRoutes } from './mastodon/statuses.ts';
import { timelinesRoutes } from './mastodon/timelines.ts';
import { authorizeRoutes } from './oauth/authorize.ts';
import { createOAuthServer } from './oauth/server.ts';
import { createSessions } from './oauth/session.ts';
import { tokenRoutes } from './oauth/token.ts';
import { publicRoutes } from './public/routes.ts';
import { clientIp, rateLimit } from './rate-limit.ts';
import { withGatheredHeaders } from './response-headers.ts';
import { createHub, type Hub } from './streaming/hub.ts';
import { sseRoutes } from './streaming/sse.ts';
import { attachWebSockets } from './streaming/ws.ts';
import { webAppRoutes } from './webapp/routes.ts';
import { wellKnownRoutes } from './well-known.ts';

/**
 * Whether the request has a body, from its headers (HTTP/1.1 sends one only with either): asking
 * c.req.raw.body instead builds a whole fetch Request, for every GET.
 */
function sendsBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
}

const STATIC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

export interface HttpApp {
  app: Hono<AppEnv>;
  hub: Hub;
  /** Serves the streaming API's WebSockets on a Node HTTP server; returns how to stop them. */
  attachStreaming(server: Server): () => Promise<void>;
}

export function createHttpApp(deps: ApiDeps & { bus: Bus; federation: MiddlewareHandler }): HttpApp {
  const { config, rateLimiter } = deps;
  const app = new Hono<AppEnv>({ strict: false });
  const auth = createAuth(deps);
  const oauthServer = createOAuthServer(deps.core, config);
  const sessions = createSessions(deps.core, config);

  app.onError((error, c) => {
    if (error instanceof HTTPException && !(error instanceof ApiError)) {
      return errorResponse(c, new ApiError(error.status as 400, error.message || 'Bad request'));
    }
    return errorResponse(c, error);
  });
  app.notFound((c) => c.json({ error: 'Record not found' }, 404));

  // A response sent before its request body was read (an error, an unknown route) closes the
  // connection, so the client does not send its next request down a socket about to be dropped.
  app.use(async (c, next) => {
    await next();
    if (sendsBody(c) && !c.req.raw.bodyUsed) c.res.headers.set('Connection', 'close');
  });
  app.use(withGatheredHeaders);
  // PostgreSQL cannot store NUL characters, and no legitimate request contains them.
  app.use((c, next) => {
    const url = c.req.url;
    // Only an escape can hide a NUL or be malformed: most addresses have none and are not decoded.
    if (!url.includes('%') && !url.includes('\u0000')) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.replace(/\+/g, ' '));
    } catch {
      throw new ApiError(400, 'The request URL is not valid percent-encoding');
    }
    if (decoded.includes('\u0000')) throw new ApiError(400, 'Parameters must not contain NUL characters');
    return next();
  });
  if (config.logRequests) {
    app.use(async (c, next) => {
      const start = performance.now();
      await next();
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - start).toFixed(1)}ms`);
    });
  }
  const tooLarge = (): never => {
    // The body is not read: the client must not reuse this connection for its next request.
    throw new ApiError(413, `Request entity too large (maximum is ${config.limits.maxBodyBytes} bytes)`, { headers: { Connection: 'close' } });
  };
  const limitBody = bodyLimit({ maxSize: config.limits.maxBodyBytes, onError: tooLarge });
  app.use((c, next) => {
    if (!sendsBody(c)) return next();
    // A declared length is checked as declared (Node's parser holds the body to it), without
    // bodyLimit touching the body: that turned every POST into a full web Request and stream
    // (~90 µs a post). Chunked bodies are counted as they come.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) > config.limits.maxBodyBytes ? tooLarge() : next();
    return limitBody(c, next);
  });
  // Browser apps on other origins use the API, as with Mastodon; cookies are never involved there.
  const cors = apiCors({ allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'], exposeHeaders: ['Link', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] });
  for (const prefix of ['/api/*', '/oauth/token', '/oauth/revoke', '/oauth/userinfo', '/.well-known/*', '/nodeinfo/*']) app.use(prefix, cors);

  // Per token when one is sent, else per address (Mastodon: 300 requests per 5 minutes).
  const apiLimit = rateLimit(rateLimiter, 'api', config.rateLimits.api, (c) => {
    const hash = presentedTokenHash(c as Context<AppEnv>);
    return hash ? `t:${hash}` : `ip:${clientIp(c)}`;
  });
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/v1/streaming') ? next() : apiLimit(c, next)));

  // ActivityPub (WebFinger, actors) before the API routes; it lets everything else through.
  app.use(deps.federation);
  const hub = createHub({ core: deps.core, bus: deps.bus, urls: { origin: config.origin, domain: config.domain } });
  // Streams are long-lived: they are not counted against the request rate limit.
  app.route('/', sseRoutes({ hub, auth }));
  app.route('/', instanceRoutes(deps));
  app.route('/', appsRoutes(deps, auth));
  app.route('/', accountsRoutes(deps, auth));
  app.route('/', relationsRoutes(deps, auth));
  app.route('/', statusesRoutes(deps, auth));
  app.route('/', timelinesRoutes(deps, auth));
  app.route('/', notificationsRoutes(deps, auth));
  app.route('/', filtersRoutes(deps, auth));
  app.route('/', listsRoutes(deps, auth));
  app.route('/', passwordRoutes(deps, auth));
  app.route('/', searchRoutes(deps, auth));
  app.route('/', tokenRoutes(deps, oauthServer, auth));
  app.route('/', authorizeRoutes(deps, oauthServer, sessions));
  app.route('/', wellKnownRoutes(deps));
  app.route('/', publicRoutes(deps));

  const avatar = fs.readFileSync(path.join(STATIC, 'avatar-missing.png'));
  const header = fs.readFileSync(path.join(STATIC, 'header-missing.png'));
  const png = (bytes: Buffer) => () =>
    new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' } });
  app.get(DEFAULT_AVATAR_PATH, png(avatar));
  app.get(DEFAULT_HEADER_PATH, png(header));
  // The web app (web/dist) at / and /web/*; its scripts and styles compressed on the way out.
  app.use('/assets/*', compress());
  app.route('/', webAppRoutes());
  return { app, hub, attachStreaming: (server) => attachWebSockets(server, { hub, auth, heartbeatMs: deps.config.streamingHeartbeatMs }) };
}
