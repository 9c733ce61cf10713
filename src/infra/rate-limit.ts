// Rate limits behind one interface: in memory for one process, in Redis when processes share the load.
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
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
  /** takes a point for a request (over Redis from a lease, see below) */
  consume(bucket: string, key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  /** takes exactly one point, seen by every process at once (for counting failures, not requests) */
  count(bucket: string, key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  /** what is left, taking nothing */
  peek(bucket: string, key: string, rule: RateLimitRule): Promise<RateLimitResult>;
}

/**
 * Points a process took from Redis at once for one key, handed out locally: a busy client costs one
 * round trip per lease instead of one per request (a tenth of a home timeline request's CPU).
 * A lease never lets a client past its limit; with several processes, points one process holds
 * unused can make another refuse a little early, so a lease is kept to a quarter of what was left.
 */
interface Lease {
  size: number;
  left: number;
  /** what Redis had left once the lease was taken */
  remaining: number;
  windowEnds: number;
}

const MAX_LEASE = 16;
/** A lease for requests already waiting on one key may be this large (still a quarter of what is left at most). */
const MAX_WAITED_LEASE = 1024;
const LEASED_KEYS = 100_000;

/**
 * A new window, or a quiet key, starts exact; a key that used up its lease in this window doubles
 * it. Requests that queued while a lease was being taken get one lease for all of them: when Redis
 * is slow (busy with a burst's fan-out), a key leasing 16 at a time was held to 16 requests a round
 * trip (~75 posts a second at scale, the process idle).
 */
function nextLeaseSize(previous: Lease | undefined, now: number, waiting: number, rule: RateLimitRule): number {
  const fresh = !previous || now >= previous.windowEnds;
  const grown = fresh ? 1 : Math.min(previous.size * 2, MAX_LEASE);
  const wanted = Math.max(grown, Math.min(waiting + 1, MAX_WAITED_LEASE));
  return Math.max(1, Math.min(wanted, Math.floor((fresh ? rule.points : previous.remaining) / 4)));
}

export function createRateLimiter(options: { redis?: Redis | undefined; prefix: string }): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const leases = new LRUCache<string, Lease>({ max: LEASED_KEYS });
  const taking = new Map<string, Promise<unknown>>();
  /** requests of a key waiting for its lease being taken */
  const waiting = new Map<string, number>();
  const limiterFor = (name: string, rule: RateLimitRule) => {
    let limiter = limiters.get(name);
    if (!limiter) {
      const opts = { keyPrefix: `${options.prefix}rl:${name}`, points: rule.points, duration: rule.duration };
      limiter = options.redis ? new RateLimiterRedis({ ...opts, storeClient: options.redis }) : new RateLimiterMemory(opts);
      limiters.set(name, limiter);
    }
    return limiter;
  };
  const result = (rule: RateLimitRule, allowed: boolean, remaining: number, msBeforeNext: number): RateLimitResult => ({
    allowed,
    limit: rule.points,
    remaining: Math.max(0, remaining),
    resetAt: new Date(Date.now() + msBeforeNext),
  });

  async function take(limiter: RateLimiterAbstract, key: string, points: number): Promise<{ allowed: boolean; res: RateLimiterRes }> {
    try {
      return { allowed: true, res: await limiter.consume(key, points) };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, res: rejection };
      throw rejection;
    }
  }

  const nameOf = (bucket: string, rule: RateLimitRule) => `${bucket}:${rule.points}/${rule.duration}`;

  return {
    async count(bucket, key, rule) {
      const { allowed, res } = await take(limiterFor(nameOf(bucket, rule), rule), key, 1);
      return result(rule, allowed, res.remainingPoints, res.msBeforeNext);
    },

    async peek(bucket, key, rule) {
      const res = await limiterFor(nameOf(bucket, rule), rule).get(key);
      if (!res) return result(rule, true, rule.points, rule.duration * 1000);
      const remaining = rule.points - res.consumedPoints;
      return result(rule, remaining > 0, remaining, res.msBeforeNext);
    },

    async consume(bucket, key, rule) {
      const name = nameOf(bucket, rule);
      const limiter = limiterFor(name, rule);
      if (!options.redis) {
        const { allowed, res } = await take(limiter, key, 1);
        return result(rule, allowed, res.remainingPoints, res.msBeforeNext);
      }
      const id = `${name}:${key}`;
      for (;;) {
        const now = Date.now();
        const lease = leases.get(id);
        if (lease && lease.left > 0 && now < lease.windowEnds) {
          lease.left--;
          return result(rule, true, lease.remaining + lease.left, lease.windowEnds - now);
        }
        // Concurrent requests of one key wait for the lease being taken rather than each taking one.
        const pending = taking.get(id);
        if (pending) {
          waiting.set(id, (waiting.get(id) ?? 0) + 1);
          try {
            await pending;
          } finally {
            const left = waiting.get(id)! - 1;
            if (left > 0) waiting.set(id, left);
            else waiting.delete(id);
          }
          continue;
        }
        const size = nextLeaseSize(lease, now, waiting.get(id) ?? 0, rule);
        const taken = take(limiter, key, size);
        taking.set(id, taken);
        try {
          const { allowed, res } = await taken;
          if (!allowed) {
            leases.delete(id);
            return result(rule, false, res.remainingPoints, res.msBeforeNext);
          }
          leases.set(id, { size, left: size - 1, remaining: res.remainingPoints, windowEnds: Date.now() + res.msBeforeNext });
          return result(rule, true, res.remainingPoints + size - 1, res.msBeforeNext);
        } finally {
          taking.delete(id);
        }
      }
    },
  };
}
