import type { Config } from '../config.ts';
import type { Core } from '../core/index.ts';
import type { Bearer } from '../core/auth/oauth.ts';
import type { RateLimiter } from '../infra/rate-limit.ts';
import type { ProxyTrust } from './client-address.ts';
import type { Framing } from './security-headers.ts';

/** What every door gets from createApp. */
export interface ApiDeps {
  config: Config;
  core: Core;
  rateLimiter: RateLimiter;
  /** looks a remote handle or URL up on its server and stores it (the federation door provides it) */
  resolveRemote?: (query: string) => Promise<{ accountId?: string; statusId?: string } | null>;
}

export interface AppEnv {
  Variables: {
    /** the resolved bearer token, once looked up (null: none was sent) */
    bearer: Bearer | null;
    /** the presented token's hash, once computed (null: none was sent) */
    tokenHash: string | null;
    /** headers middleware gathered for the answer (see response-headers) */
    gatheredHeaders: Record<string, string>;
    /** the answer already carries them */
    headersGathered: boolean;
    /** which peers' forwarding headers say who the client is (set for every request) */
    proxyTrust: ProxyTrust;
    /** the client's address, once clientIp worked it out */
    clientAddress: string;
    /** set by a page made to be embedded in other sites (see security-headers); unset: never framed */
    framing: Framing;
  };
}
