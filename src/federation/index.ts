// The ActivityPub door (Fedify): actors for local accounts, found by WebFinger, with their keys.
// This first step serves actors; inbox handling and delivery arrive with the federation work.
import { createFederation, MemoryKvStore, type Federation } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import { Endpoints, Image, Person, PropertyValue } from '@fedify/vocab';
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import type { Core } from '../core/index.ts';
import type { Db } from '../store/db.ts';
import { DEFAULT_AVATAR_PATH } from '../api/mastodon/entities/account.ts';
import { createKeyStore } from './keys.ts';

export function createParleyFederation(deps: { core: Core; db: Db; config: Config }): Federation<void> {
  const { core, db, config } = deps;
  const keys = createKeyStore(db);
  // Fedify keeps only caches in this store (remote documents, idempotence); a PostgreSQL-backed
  // store replaces it when inboxes and delivery arrive.
  const federation = createFederation<void>({ kv: new MemoryKvStore(), origin: config.origin });

  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      const account = await core.accounts.localByUsername(identifier);
      if (!account || account.suspendedAt) return null;
      const pairs = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: account.username,
        name: account.displayName || account.username,
        summary: account.noteHtml || null,
        url: new URL(`/@${account.username}`, config.origin),
        inbox: ctx.getInboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        following: ctx.getFollowingUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        manuallyApprovesFollowers: account.locked,
        discoverable: account.discoverable,
        indexable: account.indexable,
        published: Temporal.Instant.fromEpochMilliseconds(account.createdAt.getTime()),
        icon: new Image({ url: new URL(account.avatarUrl ?? DEFAULT_AVATAR_PATH, config.origin), mediaType: 'image/png' }),
        attachments: account.fields.map((f) => new PropertyValue({ name: f.name, value: f.value })),
        publicKey: pairs[0]?.cryptographicKey ?? null,
        assertionMethods: pairs.map((p) => p.multikey),
      });
    })
    .mapHandle(async (_ctx, username) => {
      const account = await core.accounts.localByUsername(username);
      return account && !account.suspendedAt ? account.username : null;
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      const account = await core.accounts.localByUsername(identifier);
      return account ? keys.pairsFor(account.id) : [];
    });
  federation.setInboxListeners('/users/{identifier}/inbox', '/inbox');
  setCollections(federation, core);
  return federation;
}

const PAGE = 40;

/**
 * Followers and following as paged collections (newest follow first). Accounts that hide their
 * collections show the counts only (core decides: relations.collection), as Mastodon does.
 */
function setCollections(federation: Federation<void>, core: Core): void {
  const owner = async (identifier: string) => {
    const account = await core.accounts.localByUsername(identifier);
    return account && !account.suspendedAt ? account : null;
  };
  const counts = async (identifier: string) => {
    const account = await owner(identifier);
    return account ? (await core.accountViews.one(account)).counts : null;
  };

  federation
    .setFollowersDispatcher('/users/{identifier}/followers', async (ctx, identifier, cursor) => {
      const account = await owner(identifier);
      if (!account || cursor === null) return null;
      const page = await core.relations.collection('followers', null, account.id, { limit: PAGE, maxId: cursor || undefined });
      return {
        items: page.items.map(({ account: a }) => ({ id: ctx.getActorUri(a.username), inboxId: ctx.getInboxUri(a.username), endpoints: { sharedInbox: ctx.getInboxUri() } })),
        nextCursor: page.items.length === PAGE ? page.cursors!.oldest : null,
      };
    })
    .setCounter(async (_ctx, identifier) => (await counts(identifier))?.followersCount ?? null)
    .setFirstCursor(() => '');

  federation
    .setFollowingDispatcher('/users/{identifier}/following', async (ctx, identifier, cursor) => {
      const account = await owner(identifier);
      if (!account || cursor === null) return null;
      const page = await core.relations.collection('following', null, account.id, { limit: PAGE, maxId: cursor || undefined });
      return {
        items: page.items.map(({ account: a }) => ctx.getActorUri(a.username)),
        nextCursor: page.items.length === PAGE ? page.cursors!.oldest : null,
      };
    })
    .setCounter(async (_ctx, identifier) => (await counts(identifier))?.followingCount ?? null)
    .setFirstCursor(() => '');
}

const FEDERATION_PATHS = /^\/(users\/|inbox$|\.well-known\/webfinger)/;

/**
 * Lets Fedify answer the paths it owns (as @fedify/hono would); what it does not know, or a browser
 * asking for HTML, falls through to Parley's other routes.
 */
export function federationMiddleware(federation: Federation<void>): MiddlewareHandler {
  return async (c, next) => {
    if (!FEDERATION_PATHS.test(c.req.path)) return next();
    let fallThrough = false;
    const response = await federation.fetch(c.req.raw, {
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
    if (!fallThrough) return response;
    await next();
    // Nothing else serves it (no HTML profile pages yet): keep Fedify's answer.
    if (c.res.status === 404 && response.status === 406) c.res = response;
  };
}

