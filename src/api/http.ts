// The HTTP server's shape: shared middleware, then each door's routes, then JSON errors for the rest.
import { urlContext } from './mastodon/entities/account.ts';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { Bus } from '../infra/bus.ts';
import { type Auth, createAuth } from './auth.ts';
import { proxyTrust } from './client-address.ts';
import type { ApiDeps, AppEnv } from './deps.ts';
import { ApiError, errorResponse, ROUTE_NOT_FOUND } from './errors.ts';
import { healthRoutes } from './health.ts';
import type { HealthReport } from '../infra/health.ts';
import { admitRequest, finishAnswer } from './pipeline.ts';
import { accountsRoutes } from './mastodon/accounts.ts';
import { appsRoutes } from './mastodon/apps.ts';
import { DEFAULT_AVATAR_PATH, DEFAULT_HEADER_PATH } from '../core/accounts/images.ts';
import { domainBlocksRoutes } from './mastodon/domain-blocks.ts';
import { emailsRoutes } from './mastodon/emails.ts';
import { filtersRoutes } from './mastodon/filters.ts';
import { filtersV1Routes } from './mastodon/filters-v1.ts';
import { announcementsRoutes } from './mastodon/announcements.ts';
import { mediaFileRoutes } from './media-files.ts';
import { mediaRoutes, uploadBodyLimit } from './mastodon/media.ts';
import { conversationsRoutes } from './mastodon/conversations.ts';
import { discoveryRoutes } from './mastodon/discovery.ts';
import { annualReportsRoutes } from './mastodon/annual-reports.ts';
import { asyncRefreshesRoutes } from './mastodon/async-refreshes.ts';
import { trendsRoutes } from './mastodon/trends.ts';
import { endorsementsRoutes } from './mastodon/endorsements.ts';
import { collectionsRoutes } from './mastodon/collections.ts';
import { listsRoutes } from './mastodon/lists.ts';
import { passwordRoutes } from './parley/password.ts';
import { translationsRoutes } from './parley/translations.ts';
import { translateRoutes } from './mastodon/translate.ts';
import { quoteRoutes } from './parley/quotes.ts';
import { eventRoutes } from './parley/events.ts';
import { eventPeopleRoutes } from './parley/event-people.ts';
import { eventQuestionRoutes } from './parley/event-questions.ts';
import { eventArchiveRoutes } from './parley/archive-routes.ts';
import { instanceRoutes } from './mastodon/instance.ts';
import { notificationRequestsRoutes } from './mastodon/notification-requests.ts';
import { notificationsRoutes } from './mastodon/notifications.ts';
import { notificationsGroupedRoutes } from './mastodon/notifications-grouped.ts';
import { instanceExtrasRoutes } from './mastodon/instance-extras.ts';
import { oembedRoutes } from './mastodon/oembed.ts';
import { pollsRoutes } from './mastodon/polls.ts';
import { profileRoutes } from './mastodon/profile.ts';
import { relationsRoutes } from './mastodon/relations.ts';
import { scheduledStatusesRoutes } from './mastodon/scheduled-statuses.ts';
import { searchRoutes } from './mastodon/search.ts';
import { statusesRoutes } from './mastodon/statuses.ts';
import { tagsRoutes } from './mastodon/tags.ts';
import { timelinesRoutes } from './mastodon/timelines.ts';
import { authorizeRoutes } from './oauth/authorize.ts';
import { createOAuthServer } from './oauth/server.ts';
import { createSessions } from './oauth/session.ts';
import { createSignInLimits } from './sign-in-limits.ts';
import { tokenRoutes } from './oauth/token.ts';
import { instancePageRoutes } from './public/instance-pages.ts';
import { publicRoutes } from './public/routes.ts';
import { createHub, type Hub } from './streaming/hub.ts';
import { sseRoutes } from './streaming/sse.ts';
import { attachWebSockets } from './streaming/ws.ts';
import { webAppRoutes } from './webapp/routes.ts';
import { wellKnownRoutes } from './well-known.ts';

const STATIC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

export interface HttpApp {
  app: Hono<AppEnv>;
  hub: Hub;
  /** Serves the streaming API's WebSockets on a Node HTTP server; returns how to stop them. */
  attachStreaming(server: Server): () => Promise<void>;
}

export function createHttpApp(deps: ApiDeps & { bus: Bus; federation: { middleware: MiddlewareHandler; paths: readonly string[] }; health: () => Promise<HealthReport> }): HttpApp {
  const { config, rateLimiter } = deps;
  const app = new Hono<AppEnv>({ strict: false });
  const auth = createAuth(deps);
  const oauthServer = createOAuthServer(deps.core, config);
  const sessions = createSessions(deps.core, config);
  const signIns = createSignInLimits(deps);

  app.onError((error, c) => {
    if (error instanceof HTTPException && !(error instanceof ApiError)) {
      return errorResponse(c, new ApiError(error.status as 400, error.message || 'Bad request'));
    }
    return errorResponse(c, error);
  });
  app.notFound((c) => c.json({ error: ROUTE_NOT_FOUND }, 404));

  app.use(finishAnswer);
  if (config.logRequests) {
    app.use(async (c, next) => {
      const start = performance.now();
      await next();
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - start).toFixed(1)}ms`);
    });
  }
  app.use(
    admitRequest({
      maxBodyBytes: config.limits.maxBodyBytes,
      uploadMaxBodyBytes: uploadBodyLimit(config.media),
      rateLimiter,
      apiRule: config.rateLimits.api,
      proxyTrust: proxyTrust(config.trustedProxies),
    }),
  );

  // ActivityPub (WebFinger, actors, the shared inbox) before the other routes; what it does not
  // answer (a browser asking for a profile page) goes on to them.
  for (const path of deps.federation.paths) app.use(path, deps.federation.middleware);
  const hub = createHub({ core: deps.core, bus: deps.bus, urls: urlContext(config) });
  app.route('/', healthRoutes(deps.health));
  app.route('/', sseRoutes({ hub, auth, heartbeatMs: config.streamingHeartbeatMs }));
  mountClientApi(app, deps, auth);
  app.route('/', tokenRoutes(deps, oauthServer, auth, signIns));
  app.route('/', authorizeRoutes(deps, oauthServer, sessions, signIns));
  app.route('/', wellKnownRoutes(deps));
  app.route('/', publicRoutes(deps));
  app.route('/', instancePageRoutes(deps));
  app.route('/', eventArchiveRoutes(deps, auth));

  const avatar = fs.readFileSync(path.join(STATIC, 'avatar-missing.png'));
  const header = fs.readFileSync(path.join(STATIC, 'header-missing.png'));
  const png = (bytes: Buffer) => () => new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' } });
  app.get(DEFAULT_AVATAR_PATH, png(avatar));
  app.get(DEFAULT_HEADER_PATH, png(header));
  // The web app (web/dist) at / and /web/*; its scripts and styles compressed on the way out.
  app.use('/assets/*', compress());
  app.route('/', webAppRoutes());
  return { app, hub, attachStreaming: (server) => attachWebSockets(server, { hub, auth, heartbeatMs: deps.config.streamingHeartbeatMs }) };
}

/** The Mastodon client API and Parley's own extensions, in the order their paths must be tried. */
function mountClientApi(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  app.route('/', instanceRoutes(deps));
  app.route('/', instanceExtrasRoutes(deps));
  app.route('/', oembedRoutes(deps));
  app.route('/', appsRoutes(deps, auth));
  app.route('/', accountsRoutes(deps, auth));
  app.route('/', profileRoutes(deps, auth));
  app.route('/', relationsRoutes(deps, auth));
  app.route('/', endorsementsRoutes(deps, auth));
  app.route('/', discoveryRoutes(deps, auth));
  app.route('/', annualReportsRoutes(deps, auth));
  app.route('/', asyncRefreshesRoutes(deps, auth));
  app.route('/', domainBlocksRoutes(deps, auth));
  app.route('/', emailsRoutes(auth));
  app.route('/', trendsRoutes(deps, auth));
  app.route('/', statusesRoutes(deps, auth));
  app.route('/', pollsRoutes(deps, auth));
  app.route('/', scheduledStatusesRoutes(deps, auth));
  app.route('/', timelinesRoutes(deps, auth));
  app.route('/', notificationsRoutes(deps, auth));
  // The policy before grouped notifications: /api/v2/notifications/policy is no group key.
  app.route('/', notificationRequestsRoutes(deps, auth));
  app.route('/', notificationsGroupedRoutes(deps, auth));
  app.route('/', filtersRoutes(deps, auth));
  app.route('/', filtersV1Routes(deps, auth));
  app.route('/', announcementsRoutes(deps, auth));
  app.route('/', listsRoutes(deps, auth));
  app.route('/', collectionsRoutes(deps, auth));
  app.route('/', tagsRoutes(deps, auth));
  app.route('/', conversationsRoutes(deps, auth));
  app.route('/', mediaRoutes(deps, auth));
  app.route('/', mediaFileRoutes(deps.core.media.storage));
  app.route('/', passwordRoutes(deps, auth));
  app.route('/', translationsRoutes(deps, auth));
  app.route('/', translateRoutes(deps, auth));
  app.route('/', quoteRoutes(deps, auth));
  app.route('/', eventRoutes(deps, auth));
  app.route('/', eventPeopleRoutes(deps, auth));
  app.route('/', eventQuestionRoutes(deps, auth));
  app.route('/', searchRoutes(deps, auth));
}
