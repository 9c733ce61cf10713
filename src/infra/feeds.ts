// Home feeds behind one interface (feed-store.ts): lists of status ids per account, newest first.
// PostgreSQL (the home_feeds table, feeds-pg.ts) for one process; Redis sorted sets when REDIS_URL
// is set (feeds-redis.ts), written by a Lua script (feeds-redis-writes.ts) with plain commands
// beside it as the reference.
export * from './feed-store.ts';
export { createPgFeedStore } from './feeds-pg.ts';
export { createRedisFeedStore } from './feeds-redis.ts';
