import { Hono } from 'hono';
import { urlContext, type UrlContext } from './entities/account.ts';
import type { Core } from '../../core/index.ts';
import { z } from 'zod';
import type { Account, ProfilePatch, User } from '../../core/accounts/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { notFound } from '../errors.ts';
import { input, zBool, zInt, zList, zString } from '../params.ts';
import { clientIp } from '../client-address.ts';
import { rateLimit } from '../rate-limit.ts';
import { serializeAccount, serializeCredentialAccount } from './entities/account.ts';
import { serializeToken } from './entities/token.ts';

const registerParams = z.object({
  username: zString,
  email: zString,
  password: zString,
  agreement: zBool.default(false),
  locale: zString.optional(),
  reason: zString.optional(),
  date_of_birth: zString.optional(),
});

const visibility = z.enum(['public', 'unlisted', 'private', 'direct']);

/** A profile edit's parameters (update_credentials, and PATCH /api/v1/profile). */
export const updateParams = z.object({
  display_name: zString.optional(),
  note: zString.optional(),
  locked: zBool.optional(),
  bot: zBool.optional(),
  discoverable: zBool.optional(),
  indexable: zBool.optional(),
  hide_collections: zBool.optional(),
  fields_attributes: zList(z.object({ name: zString.default(''), value: zString.default('') })).optional(),
  source: z
    .object({
      privacy: visibility.optional(),
      sensitive: zBool.optional(),
      language: zString.nullish(),
    })
    .optional(),
});

/** The signed-in user's own account (CredentialAccount), with its pending follow requests counted when locked. */
export async function credentialAccount(core: Core, urls: UrlContext, user: User, account: Account) {
  return serializeCredentialAccount(user, await core.accountViews.one(account), urls, account.locked ? await core.relations.pendingRequestCount(account.id) : 0);
}

/** The core's profile edit, from the parameters. */
export function profilePatch(p: z.infer<typeof updateParams>): ProfilePatch {
  return {
    displayName: p.display_name,
    note: p.note,
    locked: p.locked,
    bot: p.bot,
    discoverable: p.discoverable,
    indexable: p.indexable,
    hideCollections: p.hide_collections,
    fields: p.fields_attributes,
    source: p.source,
  };
}

const searchParams = z.object({
  q: zString,
  limit: zInt.pipe(z.number().min(1)).optional(),
  offset: zInt.pipe(z.number().min(0).max(10_000)).optional(),
  resolve: zBool.optional(),
  following: zBool.optional(),
});

const idsParams = z.object({ id: zList(zString).pipe(z.array(z.string()).max(40)) });

const lookupParams = z.object({ acct: zString });

export function accountsRoutes(deps: ApiDeps, auth: Auth) {
  const app = new Hono<AppEnv>();
  registerOwnAccountRoutes(app, deps, auth);
  registerAccountReadRoutes(app, deps, auth);
  registerPreferencesRoute(app, auth);
  return app;
}

/** Signing up, and the signed-in user's own account: read and update it. */
function registerOwnAccountRoutes(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  const { core, config, rateLimiter } = deps;
  const urls = urlContext(config);

  app.post('/api/v1/accounts', rateLimit(rateLimiter, 'sign_up', config.rateLimits.signUp), async (c) => {
    const caller = await auth.client(c, 'write:accounts');
    const p = await input(c, registerParams);
    const { user } = await core.accounts.register({
      username: p.username,
      email: p.email,
      password: p.password,
      agreement: p.agreement,
      locale: p.locale,
      reason: p.reason,
      ip: clientIp(c),
    });
    const issued = await core.oauth.issueToken({
      appId: caller.app.id,
      userId: user.id,
      scopes: caller.token.scopes,
      ttlSeconds: config.accessTokenTtl,
      withRefresh: true,
    });
    return c.json(serializeToken(issued));
  });

  const credential = (user: User, account: Account) => credentialAccount(core, urls, user, account);

  app.get('/api/v1/accounts/verify_credentials', async (c) => {
    const { user, account } = await auth.user(c, 'read:accounts', 'profile');
    return c.json(await credential(user, account));
  });

  app.on(['PATCH', 'PUT'], '/api/v1/accounts/update_credentials', async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    const updated = await core.accounts.updateProfile(account.id, profilePatch(await input(c, updateParams)));
    return c.json(await credential(updated.user, updated.account));
  });
}

/** Accounts by handle, search, ids or id. */
function registerAccountReadRoutes(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  const { core, config } = deps;
  const urls = urlContext(config);

  app.get('/api/v1/accounts/lookup', async (c) => {
    await auth.viewer(c);
    const { acct } = await input(c, lookupParams);
    const account = await core.accounts.lookup(acct);
    if (!account) throw notFound();
    return c.json(serializeAccount(await core.accountViews.one(account), urls));
  });

  app.get('/api/v1/accounts/search', async (c) => {
    const { account: viewer } = await auth.user(c, 'read:accounts');
    const p = await input(c, searchParams);
    // resolve=true with a full handle (WebFinger) or a profile URL asks the account's server, as Mastodon does.
    const q = p.q.trim();
    if (p.resolve && deps.resolveRemote && /^https?:\/\//.test(q)) {
      const found = await deps.resolveRemote(q);
      const account = found?.accountId ? await core.accounts.byId(found.accountId) : undefined;
      return c.json(account && !account.suspendedAt ? [serializeAccount(await core.accountViews.one(account), urls)] : []);
    }
    if (p.resolve && deps.resolveRemote && /^@?[^@\s]+@[^@\s]+$/.test(q)) await deps.resolveRemote(q);
    const found = await core.search.accounts(viewer.id, p.q, { limit: Math.min(p.limit ?? 40, 80), offset: p.offset ?? 0, following: p.following });
    return c.json((await core.accountViews.of(found)).map((a) => serializeAccount(a, urls)));
  });

  app.get('/api/v1/accounts', async (c) => {
    await auth.viewer(c);
    const { id } = await input(c, idsParams);
    const byId = await core.accountViews.byIds(id);
    return c.json(id.flatMap((i) => (byId.has(i) ? [serializeAccount(byId.get(i)!, urls)] : [])));
  });

  app.get('/api/v1/accounts/:id{[0-9]+}', async (c) => {
    await auth.viewer(c);
    const account = await core.accounts.byId(c.req.param('id'));
    if (!account) throw notFound();
    return c.json(serializeAccount(await core.accountViews.one(account), urls));
  });
  // Identity proofs left Mastodon (3.5): it still answers the route, with none, for a signed-in user.
  app.get('/api/v1/accounts/:id{[0-9]+}/identity_proofs', async (c) => {
    await auth.user(c);
    if (!(await core.accounts.byId(c.req.param('id')))) throw notFound();
    return c.json([]);
  });
}

function registerPreferencesRoute(app: Hono<AppEnv>, auth: Auth): void {
  app.get('/api/v1/preferences', async (c) => {
    const { user } = await auth.user(c, 'read:accounts');
    const s = user.settings;
    return c.json({
      'posting:default:visibility': s.defaultVisibility,
      'posting:default:sensitive': s.defaultSensitive,
      'posting:default:language': s.defaultLanguage,
      'reading:expand:media': s.expandMedia,
      'reading:expand:spoilers': s.expandSpoilers,
    });
  });
}
