// Rate limiting on the HTTP doors, with the X-RateLimit-* headers Mastodon sends.
import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimitRule } from '../config.ts';
import type { RateLimiter } from '../infra/rate-limit.ts';
import { clientIp } from './client-address.ts';
import { ApiError } from './errors.ts';
import { gatheredHeaders } from './response-headers.ts';

export function rateLimit(limiter: RateLimiter, bucket: string, rule: RateLimitRule, key: (c: Context) => string | Promise<string> = clientIp): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const result = await limiter.consume(bucket, await key(c), rule);
    const headers = {
      'X-RateLimit-Limit': String(result.limit),
      'X-RateLimit-Remaining': String(result.remaining),
      'X-RateLimit-Reset': result.resetAt.toISOString(),
    };
    if (!result.allowed) {
      const retryAfter = Math.max(1, Math.ceil((result.resetAt.getTime() - Date.now()) / 1000));
      throw new ApiError(429, 'Too many requests', { headers: { ...headers, 'Retry-After': String(retryAfter) } });
    }
    Object.assign(gatheredHeaders(c), headers);
    return next();
  };
}
