// CORS for the API. Browser apps on other origins call it with bearer tokens, never cookies: any
// origin may read any answer, as Mastodon allows.
//
// Not hono/cors: it writes its headers into the context's response before the route runs, which
// makes Hono copy that response into the route's own and turn its body into a stream (about a
// tenth of the CPU of a home timeline request). Here the headers are gathered for the route's
// answer (see response-headers).
import type { MiddlewareHandler } from 'hono';
import { gatheredHeaders } from './response-headers.ts';

export interface CorsOptions {
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  allowMethods?: readonly string[];
}

export function apiCors(options: CorsOptions): MiddlewareHandler {
  const allowHeaders = options.allowHeaders.join(',');
  const exposeHeaders = options.exposeHeaders.join(',');
  const allowMethods = (options.allowMethods ?? ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH']).join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': allowMethods,
          'Access-Control-Allow-Headers': allowHeaders,
          'Access-Control-Expose-Headers': exposeHeaders,
          'Access-Control-Max-Age': '86400',
        },
      });
    }
    const headers = gatheredHeaders(c);
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Access-Control-Expose-Headers'] = exposeHeaders;
    return next();
  };
}
