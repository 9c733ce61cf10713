// The steps every request passes before its route and every answer after it, as two middlewares:
// one that finishes answers (errors included) and one that admits requests. They were seven, and
// each layer of Hono's composition (a dispatch, an await, a promise) cost a home timeline request
// a few microseconds whether it had anything to do or not.
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { presentedTokenHash } from './auth.ts';
import { apiCors } from './cors.ts';
import type { AppEnv } from './deps.ts';
import { ApiError } from './errors.ts';
import { clientIp, type ProxyTrust } from './client-address.ts';
import { rateLimit } from './rate-limit.ts';
import type { RateLimitRule } from '../config.ts';
import type { RateLimiter } from '../infra/rate-limit.ts';
import { finishHeaders } from './response-headers.ts';

/**
 * Whether the request has a body, from its headers (HTTP/1.1 sends one only with either): asking
 * c.req.raw.body instead builds a whole fetch Request, for every GET.
 */
function sendsBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
}

/**
 * Outermost: the headers gathered on the way in and the security headers go on answers made without
 * `respond` (which adds them itself), and an answer sent before its request's body was read closes
 * the connection, so the client does not send its next request down a socket about to be dropped.
 */
export const finishAnswer: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  finishHeaders(c);
  if (sendsBody(c) && !c.req.raw.bodyUsed) c.res.headers.set('Connection', 'close');
};

const isUpload = (path: string) => path === '/api/v1/media' || path === '/api/v2/media';

/** Paths that browser apps on other origins call with bearer tokens, never cookies (the client API's rule). */
function corsPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path.startsWith('/.well-known/') || path.startsWith('/nodeinfo/') || /^\/oauth\/(token|revoke|userinfo)\/?$/.test(path);
}

export interface AdmitOptions {
  maxBodyBytes: number;
  /** the body limit of media uploads (POST /api/v1/media, /api/v2/media) */
  uploadMaxBodyBytes: number;
  rateLimiter: RateLimiter;
  /** the API's limit, per token when one is sent, else per address */
  apiRule: RateLimitRule;
  /** which peers' forwarding headers say who the client is (clientIp reads it from the context) */
  proxyTrust: ProxyTrust;
}

/**
 * Before the route, in order: the proxies we trust noted for clientIp, no NUL anywhere in the address, a body no larger than allowed, CORS
 * headers gathered (a preflight answered here) and the API's rate limit counted.
 */
export function admitRequest(options: AdmitOptions): MiddlewareHandler<AppEnv> {
  const tooLargeFor = (max: number) => (): never => {
    // The body is not read: the client must not reuse this connection for its next request.
    throw new ApiError(413, `Request entity too large (maximum is ${max} bytes)`, { headers: { Connection: 'close' } });
  };
  const tooLarge = tooLargeFor(options.maxBodyBytes);
  const tooLargeUpload = tooLargeFor(options.uploadMaxBodyBytes);
  const limitBody = bodyLimit({ maxSize: options.maxBodyBytes, onError: tooLarge });
  const cors = apiCors({
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Link', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Mastodon-Async-Refresh'],
  });
  const apiLimit = rateLimit(options.rateLimiter, 'api', options.apiRule, (c) => {
    const hash = presentedTokenHash(c as Context<AppEnv>);
    return hash ? `t:${hash}` : `ip:${clientIp(c)}`;
  });

  const afterBody = (c: Context<AppEnv>, next: Next) => {
    const path = c.req.path;
    if (!corsPath(path)) return next();
    // Streams are long-lived: they are not counted against the request rate limit.
    const limited = (path.startsWith('/api/') || path === '/api') && !path.startsWith('/api/v1/streaming');
    return cors(c, limited ? () => apiLimit(c, next) as Promise<void> : next);
  };

  return (c, next) => {
    c.set('proxyTrust', options.proxyTrust);
    rejectNul(c.req.url);
    if (!sendsBody(c)) return afterBody(c, next);
    // A declared length is checked as declared (Node's parser holds the body to it), without
    // bodyLimit touching the body: that turned every POST into a full web Request and stream
    // (~90 µs a post). Chunked bodies are counted as they come.
    const length = c.req.header('content-length');
    const upload = isUpload(c.req.path);
    const max = upload ? options.uploadMaxBodyBytes : options.maxBodyBytes;
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) > max ? (upload ? tooLargeUpload : tooLarge)() : afterBody(c, next);
    // An upload's body is counted by the route that streams it to disk (upload-body.ts): wrapping it
    // here would start reading it into a web stream first.
    if (upload) return afterBody(c, next);
    return limitBody(c, () => afterBody(c, next) as Promise<void>);
  };
}

/**
 * PostgreSQL cannot store NUL characters, and no legitimate request contains them. The path must be
 * valid percent-encoding; the query string's parameters are judged with the others (params.ts:
 * escapes that are not UTF-8 are refused there, naming the field).
 */
function rejectNul(url: string): void {
  // Only an escape can hide a NUL or be malformed: most addresses have none and are not decoded.
  if (!url.includes('%') && !url.includes('\u0000')) return;
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/\+/g, ' '));
  } catch {
    throw new ApiError(400, 'The request URL is not valid percent-encoding');
  }
  if (decoded.includes('\u0000') || (at >= 0 && /%00|\u0000/.test(url.slice(at)))) throw new ApiError(400, 'Parameters must not contain NUL characters');
}
