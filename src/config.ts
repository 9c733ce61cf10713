// Configuration: read from the environment once, validated, then passed down as a plain object.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { instanceEnv, instanceTexts, type InstanceTexts } from './config-instance.ts';
import { mediaConfig, mediaEnv, type MediaConfig } from './config-media.ts';
import { LOG_LEVELS, type LogLevel } from './infra/log.ts';

export type RegistrationMode = 'open' | 'approval' | 'closed';

export interface RateLimitRule {
  /** requests allowed per window */
  points: number;
  /** window length in seconds */
  duration: number;
}

/** An address or block of addresses whose connections are proxies we trust (net.BlockList's terms). */
export interface TrustedProxy {
  address: string;
  /** prefix length: 32 or 128 for one address */
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

export interface Config {
  port: number;
  host: string;
  /** public origin, without trailing slash, e.g. https://parley.example */
  origin: string;
  /** host part of the origin (the instance's domain in handles) */
  domain: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** prefix for every Redis key, so several Parley servers can share one Redis */
  redisPrefix: string;
  registrations: RegistrationMode;
  requireEmailConfirmation: boolean;
  instance: {
    title: string;
    description: string;
    contactEmail: string;
  } & InstanceTexts;
  limits: {
    maxBodyBytes: number;
    maxStatusChars: number;
  };
  /** access token lifetime in seconds; 0 means tokens do not expire (Mastodon's behaviour) */
  accessTokenTtl: number;
  /** posts of accounts with more followers than this are not pushed into feeds but pulled at read time */
  fanoutPullThreshold: number;
  /** background jobs one process runs at once */
  jobConcurrency: number;
  /** HTTP processes `parley start` runs on the one port (more than one needs Redis) */
  webProcesses: number;
  /** home feeds of users away longer than this many days are not written (0: always written) */
  feedInactiveDays: number;
  /** write new and edited posts' words for search (off: they are not found by their words; bench/search.ts compares) */
  searchIndex: boolean;
  /** how often each streaming WebSocket is pinged; one that has not answered the last ping is closed */
  streamingHeartbeatMs: number;
  rateLimits: {
    api: RateLimitRule;
    signUp: RateLimitRule;
    signIn: RateLimitRule;
    token: RateLimitRule;
    /** wrong passwords per account (from one address, and addresses with wrong passwords) */
    signInAccount: RateLimitRule;
  };
  /** proxies whose X-Forwarded-For / Forwarded headers say who the client is */
  trustedProxies: TrustedProxy[];
  logRequests: boolean;
  /** lines below this level are not written (debug: ignored activities and deliveries, with why) */
  logLevel: LogLevel;
  media: MediaConfig;
  trends: {
    /** PARLEY_TRENDS=off: the trends lists are empty and nothing is scored */
    enabled: boolean;
    /** auto: whatever scores is shown; manual: only what an administrator approved (`parley trends approve`) */
    review: 'auto' | 'manual';
  };
  federation: {
    /** let Fedify fetch and deliver to loopback and private addresses (tests, closed networks); never on a public server */
    allowPrivateAddress: boolean;
  };
  /** machine translation of posts: a LibreTranslate-compatible service; off without its address */
  translation: { url: string | undefined; apiKey: string | undefined };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

// "points/seconds", e.g. "5/1800" for five requests per half hour
const rule = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected POINTS/SECONDS, e.g. 300/300')
  .transform((v): RateLimitRule => {
    const [points, duration] = v.split('/').map(Number) as [number, number];
    return { points, duration };
  });

/** One entry of PARLEY_TRUSTED_PROXIES: an address, or a CIDR block. */
function trustedProxy(entry: string): TrustedProxy | undefined {
  const [address = '', bits, extra] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

// "127.0.0.0/8,::1,10.0.0.0/8", or "none" to trust no proxy
const trustedProxies = z.string().transform((value, ctx): TrustedProxy[] => {
  if (value.trim().toLowerCase() === 'none') return [];
  const proxies: TrustedProxy[] = [];
  for (const entry of value.split(',').map((e) => e.trim())) {
    const proxy = trustedProxy(entry);
    if (proxy) proxies.push(proxy);
    else ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR block (expected e.g. 127.0.0.1, ::1, 10.0.0.0/8 or fd00::/8; "none" trusts no proxy)` });
  }
  return proxies;
});

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PARLEY_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  PARLEY_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// URL')
    .optional(),
  PARLEY_REDIS_PREFIX: z.string().min(1).default('parley:'),
  PARLEY_REGISTRATIONS: z.enum(['open', 'approval', 'closed']).default('open'),
  PARLEY_REQUIRE_EMAIL_CONFIRMATION: bool.default(false),
  PARLEY_INSTANCE_TITLE: z.string().min(1).default('Parley'),
  PARLEY_INSTANCE_DESCRIPTION: z.string().default('A Parley server: real-time, federated, multilingual.'),
  PARLEY_CONTACT_EMAIL: z.string().default(''),
  PARLEY_MAX_BODY_BYTES: positiveInt.default(1024 * 1024),
  PARLEY_MAX_STATUS_CHARS: positiveInt.default(500),
  PARLEY_ACCESS_TOKEN_TTL: z.coerce.number().int().min(0).default(0),
  PARLEY_FANOUT_PULL_THRESHOLD: z.coerce.number().int().min(0).default(50_000),
  PARLEY_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PARLEY_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  PARLEY_FEED_INACTIVE_DAYS: z.coerce.number().int().min(0).max(3650).default(14),
  PARLEY_SEARCH_INDEX: z.enum(['on', 'off']).default('on'),
  PARLEY_STREAMING_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  PARLEY_RATE_LIMIT_API: rule.default(rule.parse('300/300')),
  PARLEY_RATE_LIMIT_SIGN_UP: rule.default(rule.parse('5/1800')),
  PARLEY_RATE_LIMIT_SIGN_IN: rule.default(rule.parse('25/300')),
  PARLEY_RATE_LIMIT_TOKEN: rule.default(rule.parse('60/300')),
  PARLEY_RATE_LIMIT_SIGN_IN_ACCOUNT: rule.default(rule.parse('10/900')),
  // Loopback: a proxy on the same machine (the usual set-up) works unconfigured, and only a process
  // on that machine can connect from there.
  PARLEY_TRUSTED_PROXIES: trustedProxies.default(trustedProxies.parse('127.0.0.0/8,::1')),
  PARLEY_LOG_REQUESTS: bool.default(false),
  PARLEY_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS: bool.default(false),
  PARLEY_TRENDS: z.enum(['on', 'off']).default('on'),
  PARLEY_TRENDS_REVIEW: z.enum(['auto', 'manual']).default('auto'),
  PARLEY_TRANSLATE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PARLEY_TRANSLATE_API_KEY: z.string().optional(),
  ...mediaEnv,
  ...instanceEnv,
});

/** Builds the configuration from environment variables; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  const origin = (e.PARLEY_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const url = new URL(origin);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigError(['PARLEY_ORIGIN: must be an origin only (scheme, host and port), without a path']);
  }
  if (e.PARLEY_WEB_PROCESSES > 1 && !e.REDIS_URL) {
    throw new ConfigError(['PARLEY_WEB_PROCESSES: more than one web process needs REDIS_URL (they share feeds, live events, caches and rate limits through it)']);
  }
  const dataDir = path.resolve(e.PARLEY_DATA_DIR);
  const media = mediaConfig(e, url.origin, dataDir);
  if (Array.isArray(media)) throw new ConfigError(media);
  const texts = instanceTexts(e);
  if (Array.isArray(texts)) throw new ConfigError(texts);
  return {
    port: e.PORT,
    host: e.HOST,
    origin: url.origin,
    domain: url.host,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.PARLEY_REDIS_PREFIX,
    registrations: e.PARLEY_REGISTRATIONS,
    requireEmailConfirmation: e.PARLEY_REQUIRE_EMAIL_CONFIRMATION,
    instance: {
      title: e.PARLEY_INSTANCE_TITLE,
      description: e.PARLEY_INSTANCE_DESCRIPTION,
      contactEmail: e.PARLEY_CONTACT_EMAIL,
      ...texts,
    },
    limits: { maxBodyBytes: e.PARLEY_MAX_BODY_BYTES, maxStatusChars: e.PARLEY_MAX_STATUS_CHARS },
    accessTokenTtl: e.PARLEY_ACCESS_TOKEN_TTL,
    fanoutPullThreshold: e.PARLEY_FANOUT_PULL_THRESHOLD,
    jobConcurrency: e.PARLEY_JOB_CONCURRENCY,
    webProcesses: e.PARLEY_WEB_PROCESSES,
    feedInactiveDays: e.PARLEY_FEED_INACTIVE_DAYS,
    searchIndex: e.PARLEY_SEARCH_INDEX === 'on',
    streamingHeartbeatMs: e.PARLEY_STREAMING_HEARTBEAT_MS,
    rateLimits: {
      api: e.PARLEY_RATE_LIMIT_API,
      signUp: e.PARLEY_RATE_LIMIT_SIGN_UP,
      signIn: e.PARLEY_RATE_LIMIT_SIGN_IN,
      token: e.PARLEY_RATE_LIMIT_TOKEN,
      signInAccount: e.PARLEY_RATE_LIMIT_SIGN_IN_ACCOUNT,
    },
    trustedProxies: e.PARLEY_TRUSTED_PROXIES,
    logRequests: e.PARLEY_LOG_REQUESTS,
    logLevel: e.PARLEY_LOG_LEVEL,
    media,
    trends: { enabled: e.PARLEY_TRENDS === 'on', review: e.PARLEY_TRENDS_REVIEW },
    federation: { allowPrivateAddress: e.PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS },
    translation: { url: e.PARLEY_TRANSLATE_URL?.replace(/\/+$/, ''), apiKey: e.PARLEY_TRANSLATE_API_KEY },
  };
}
