import { Redis } from 'ioredis';

/** Connects to Redis and fails fast with a clear message when it cannot be reached. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true });
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
