// What Parley's events show beyond the live API: the public page and feed of each event, its
// export for the staff, and the OpenAPI description of the events API.
import { Hono } from 'hono';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { eventPageRoutes } from '../public/event-routes.ts';
import { eventExportRoutes } from './event-export.ts';
import { openApiDocument } from './openapi.ts';

export function eventArchiveRoutes(deps: ApiDeps, auth: Auth) {
  const app = new Hono<AppEnv>();
  app.route('/', eventPageRoutes(deps));
  app.route('/', eventExportRoutes(deps, auth));
  const document = JSON.stringify(openApiDocument(deps.config.origin));
  app.get('/api/parley/v1/openapi.json', (c) => c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  return app;
}
