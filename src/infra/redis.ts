import { Redis } from 'ioredis';

/** Connects to Redis and fails fast with a clear message when it cannot be reached. */
export async function connectRedis(url: string): Promise<Redis> {
  // Auto-pipelining sends the commands of concurrent requests (rate limits, feed pages) in one
  // write: under load, one system call for many commands instead of one each.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true, enableAutoPipelining: true });
  // Reconnection is ioredis's job; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot connect to Redis at ${url}: ${(error as Error).message}`);
  }
  return redis;
}
