// Rate limits behind one interface: in memory for one process, in Redis when processes share the load.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitRule } from '../config.ts';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** when the window resets */
  resetAt: Date;
}

export interface RateLimiter {
  consume(bucket: string, key: string, rule: RateLimitRule): Promise<RateLimitResult>;
}

export function createRateLimiter(options: { redis?: Redis | undefined; prefix: string }): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (bucket: string, rule: RateLimitRule) => {
    const name = `${bucket}:${rule.points}/${rule.duration}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      const opts = { keyPrefix: `${options.prefix}rl:${name}`, points: rule.points, duration: rule.duration };
      limiter = options.redis ? new RateLimiterRedis({ ...opts, storeClient: options.redis }) : new RateLimiterMemory(opts);
      limiters.set(name, limiter);
    }
    return limiter;
  };
  return {
    async consume(bucket, key, rule) {
      const limiter = limiterFor(bucket, rule);
      const toResult = (res: RateLimiterRes, allowed: boolean): RateLimitResult => ({
        allowed,
        limit: rule.points,
        remaining: Math.max(0, res.remainingPoints),
        resetAt: new Date(Date.now() + res.msBeforeNext),
      });
      try {
        return toResult(await limiter.consume(key), true);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return toResult(rejection, false);
        throw rejection;
      }
    },
  };
}
