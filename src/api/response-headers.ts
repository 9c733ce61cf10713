// Headers that middleware adds to every answer (CORS, rate limits), gathered before the route runs,
// and the security headers (see security-headers).
//
// A Response whose headers are a plain object goes out through @hono/node-server's fast path; one
// whose headers were touched through `Response.headers` (or Hono's `c.header`) becomes a WHATWG
// Headers object, validated name by name and copied again on the way out: about a tenth of a
// home timeline request's CPU. Hot routes answer with `respond`, which puts the gathered headers
// into the Response's own; for every other answer `finishHeaders` sets them afterwards.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './deps.ts';
import { securityHeaders } from './security-headers.ts';

/** The headers gathered so far for this request's answer; middleware adds to it before `next()`. */
export function gatheredHeaders(c: Context): Record<string, string> {
  const ctx = c as Context<AppEnv>;
  let headers = ctx.get('gatheredHeaders');
  if (!headers) {
    headers = {};
    ctx.set('gatheredHeaders', headers);
  }
  return headers;
}

/** An answer whose headers are a plain object: the security ones, the gathered ones, then the route's own. */
export function respond(c: Context, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>, status: ContentfulStatusCode = 200): Response {
  const ctx = c as Context<AppEnv>;
  ctx.set('headersGathered', true);
  const gathered = ctx.get('gatheredHeaders');
  const security = securityHeaders(headers['Content-Type'] ?? headers['content-type'], ctx.get('framing'));
  return new Response(body, { status, headers: { ...security, ...gathered, ...headers } });
}

/**
 * What an answer made without `respond` still lacks, set afterwards (see pipeline's finishAnswer):
 * the gathered headers, and the security headers it does not state itself.
 */
export function finishHeaders(c: Context<AppEnv>): void {
  if (c.get('headersGathered')) return;
  const gathered = c.get('gatheredHeaders');
  if (gathered) setHeaders(c, gathered);
  const security = securityHeaders(c.res.headers.get('content-type'), c.get('framing'));
  const stated = c.res.headers;
  setHeaders(c, Object.fromEntries(Object.entries(security).filter(([name]) => !stated.has(name))));
}

function setHeaders(c: Context, values: Record<string, string>): void {
  let headers = c.res.headers;
  for (const [name, value] of Object.entries(values)) {
    try {
      headers.set(name, value);
    } catch {
      // A redirect made with Response.redirect() has immutable headers: answer with a copy.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
      headers.set(name, value);
    }
  }
}
