// The ActivityPub door (Fedify): actors, notes and collections for other servers to read; inbox
// listeners turning their activities into core calls; the outbox turning core events into
// deliveries. Fedify's store and queue live in Parley's PostgreSQL and job queue.
import { createFederation, type Federation } from '@fedify/fedify';
import type { MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Core } from '../core/index.ts';
import type { JobPayloads } from '../core/jobs.ts';
import { OUTBOX_TASK } from '../core/outbox.ts';
import { POLL_REFRESH_TASK } from '../core/statuses/remote-poll-refresh.ts';
import { REPLIES_FETCH_TASK } from '../core/statuses/remote-replies.ts';
import type { JobHandlers, Jobs } from '../infra/jobs.ts';
import type { Db } from '../store/db.ts';
import { setActors } from './actors.ts';
import { createDelivery } from './delivery.ts';
import { setInboxListeners } from './inbox.ts';
import { createPgKvStore, createRedisKvStore } from './kv.ts';
import { getUserAgent } from '@fedify/vocab-runtime';
import type { Log } from '../infra/log.ts';
import { PARLEY_VERSION } from '../version.ts';
import { readLooseJsonLd } from './loose-json-ld.ts';
import { setPostObjects } from './objects.ts';
import { createPollRefresh } from './poll-refresh.ts';
import { createRepliesFetch } from './replies-fetch.ts';
import { atPublicOrigin } from './public-request.ts';
import { FIRST_KNOCK, rememberRfc9421Sender, SIGNATURE_SPEC_PREFIX } from './signature-spec.ts';
import { createJobsMessageQueue, FEDIFY_TASK, type FederationJobPayloads } from './queue.ts';

export type { FederationJobPayloads } from './queue.ts';
import { createRemote } from './remote.ts';

export interface FederationDoor {
  federation: Federation<void>;
  middleware: MiddlewareHandler;
  /** the paths `middleware` answers (Hono patterns): it is mounted on these alone */
  paths: readonly string[];
  /** job handlers for worker processes: core events out, remote polls read again, remote replies fetched, Fedify's queued messages */
  jobHandlers: JobHandlers<Pick<JobPayloads, typeof OUTBOX_TASK | typeof POLL_REFRESH_TASK | typeof REPLIES_FETCH_TASK> & FederationJobPayloads>;
  /** starts handing queued messages to Fedify (worker processes); resolves when stopped */
  startQueue(signal: AbortSignal): Promise<void>;
  /** looks a handle or URL up on its server and stores what it finds */
  resolve(query: string): Promise<{ accountId?: string; statusId?: string } | null>;
}

const userAgentOf = (origin: string) => ({ software: `Parley/${PARLEY_VERSION}`, url: new URL(origin) });

/** How Parley names itself to other servers, on every request it makes them (Fedify's form). */
export const federationUserAgent = (origin: string): string => getUserAgent(userAgentOf(origin));

export function createFederationDoor(deps: { core: Core; db: Db; jobs: Jobs<FederationJobPayloads>; config: Config; redis?: Redis | undefined; log: Log }): FederationDoor {
  const { core, db, jobs, config, redis, log } = deps;
  const userAgent = userAgentOf(config.origin);
  // Deliveries go through this queue; Fedify sets the User-Agent on its fetches only.
  const queue = createJobsMessageQueue(db, jobs, { userAgent: federationUserAgent(config.origin) });
  const kv = redis ? createRedisKvStore(redis, config.redisPrefix) : createPgKvStore(db);
  const federation = createFederation<void>({
    kv,
    kvPrefixes: { httpMessageSignaturesSpec: [...SIGNATURE_SPEC_PREFIX] },
    firstKnock: FIRST_KNOCK,
    queue,
    manuallyStartQueue: true,
    origin: config.origin,
    allowPrivateAddress: config.federation.allowPrivateAddress,
    userAgent,
  });
  readLooseJsonLd(federation);
  const remote = createRemote(core);
  setActors(federation, { core, origin: config.origin });
  setPostObjects(federation, core);
  setInboxListeners(federation, core, remote, log);
  const delivery = createDelivery({ federation, core, origin: config.origin });
  // An inbox answering 410 Gone: the actors behind it are gone, stop delivering to them. Other
  // permanent failures (404) drop that one delivery only.
  federation.setOutboxPermanentFailureHandler(async (_ctx, failure) => {
    log.info(`delivery to ${failure.inbox.href} failed for good (${failure.statusCode})`);
    if (failure.statusCode === 410) await core.remoteAccounts.markGone(failure.actorIds.map((u) => u.href));
  });

  return {
    federation,
    middleware: federationMiddleware(federation, new URL(config.origin), (request, status) => rememberRfc9421Sender(kv, request, status, log)),
    paths: ['/users/*', '/inbox', '/.well-known/webfinger'],
    jobHandlers: {
      [OUTBOX_TASK]: (event) => delivery.handle(event),
      [POLL_REFRESH_TASK]: createPollRefresh({ federation, core, remote, origin: config.origin, log }),
      [REPLIES_FETCH_TASK]: createRepliesFetch({ federation, core, remote, origin: config.origin, log }),
      [FEDIFY_TASK]: queue.handler,
    },
    startQueue: (signal) => federation.startQueue(undefined, { signal }),
    resolve: (query) => remote.resolve(federation.createContext(new URL(config.origin), undefined), query),
  };
}

/**
 * Lets Fedify answer the paths it is mounted on (`paths`), as @fedify/hono would; what it does not
 * know, or a browser asking for HTML, falls through to Parley's other routes.
 */
function federationMiddleware(federation: Federation<void>, origin: URL, answered: (request: Request, status: number) => Promise<void>): MiddlewareHandler {
  return async (c, next) => {
    let fallThrough = false;
    const request = atPublicOrigin(c.req.raw, origin);
    const response = await federation.fetch(request, {
      contextData: undefined,
      onNotFound: async () => {
        fallThrough = true;
        return new Response(null, { status: 404 });
      },
      onNotAcceptable: async () => {
        fallThrough = true;
        return new Response(JSON.stringify({ error: 'This resource is served as ActivityPub (application/activity+json)' }), {
          status: 406,
          headers: { 'Content-Type': 'application/json', Vary: 'Accept' },
        });
      },
    });
    if (!fallThrough) {
      await answered(request, response.status);
      return response;
    }
    // A browser opening an actor or a status gets its page (/@user, /@user/id), as on Mastodon. Only
    // a username's own characters go into the Location (the path is decoded: %01 would be a 500).
    const page = c.req.path.match(/^\/users\/([A-Za-z0-9_]+)(?:\/statuses\/(\d+))?\/?$/);
    if (response.status === 406 && page) return c.redirect(`/@${page[1]}${page[2] ? `/${page[2]}` : ''}`, 302);
    await next();
    if (c.res.status === 404 && response.status === 406) c.res = response;
  };
}
