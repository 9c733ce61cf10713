// /api/v1/statuses: post, read, edit, delete, and act on statuses.
import { urlContext } from './entities/account.ts';
import { isId } from '../../core/ids.ts';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { pageParams, setLinkHeader } from '../pagination.ts';
import { input, zBool, zDateTime, zInt, zList, zString } from '../params.ts';
import { serializeAccount } from './entities/account.ts';
import { setAsyncRefreshHeader } from './entities/async-refresh.ts';
import { serializeScheduledStatus } from './entities/scheduled-status.ts';
import { serializeStatus, serializeStatusEdit } from './entities/status.ts';
import { sourceVersions, translationsParam, versionInputs } from './translations-param.ts';
import { readerContext } from '../reader-languages.ts';

const visibility = z.enum(['public', 'unlisted', 'private', 'direct']);
const quotePolicy = z.enum(['public', 'followers', 'nobody']);
const id = zString.pipe(z.string().refine(isId, 'must be an id'));
/** Seconds a client waits before polling a thread's replies being fetched (Mastodon's hint). */
const REPLIES_RETRY_SECONDS = 3;

// Options up to four, as Mastodon (a longer list is refused by the core with the other rules).
const pollObject = z.object({ options: zList(zString).pipe(z.array(z.string()).max(20)), expires_in: zInt, multiple: zBool.optional(), hide_totals: zBool.optional() });
// An empty form field is no poll, as Rails reads it.
const pollParams = z.preprocess((v) => (v === '' ? undefined : v), pollObject.nullish());
const pollInput = (p: z.infer<typeof pollObject> | null | undefined) => (p ? { options: p.options, expiresIn: p.expires_in, multiple: p.multiple, hideTotals: p.hide_totals } : undefined);

const postParams = z.object({
  status: zString.optional(),
  in_reply_to_id: id.nullish(),
  sensitive: zBool.optional(),
  spoiler_text: zString.optional(),
  visibility: visibility.optional(),
  language: zString.nullish(),
  media_ids: zList(zString).optional(),
  poll: pollParams,
  // An empty form field is no time, as Rails reads it.
  scheduled_at: z.preprocess((v) => (v === '' ? undefined : v), zDateTime.nullish()),
  quoted_status_id: id.nullish(),
  quote_approval_policy: quotePolicy.optional(),
  translations: translationsParam,
});

const mediaAttribute = z.object({ id: zString, description: zString.optional(), focus: zString.optional() });
const editParams = z.object({
  status: zString.optional(),
  spoiler_text: zString.optional(),
  sensitive: zBool.optional(),
  language: zString.nullish(),
  media_ids: zList(zString).optional(),
  media_attributes: zList(mediaAttribute).optional(),
  poll: pollParams,
  translations: translationsParam,
});

const idsParams = z.object({ id: zList(zString).pipe(z.array(z.string()).max(20)) });
const reblogParams = z.object({ visibility: visibility.optional() });

const ID = '{[0-9]+}';

/** Reading needs read:statuses when a token is sent at all. */
async function readerId(auth: Auth, c: Context<AppEnv>): Promise<string | null> {
  const bearer = await auth.bearer(c);
  if (bearer) await auth.client(c, 'read:statuses');
  return (await auth.viewer(c))?.account.id ?? null;
}

export function statusesRoutes(deps: ApiDeps, auth: Auth) {
  const app = new Hono<AppEnv>();
  registerStatusRoutes(app, deps, auth);
  registerStatusInfoRoutes(app, deps, auth);
  registerStatusActionRoutes(app, deps, auth);
  registerStatusPeopleRoutes(app, deps, auth);
  registerQuoteRoutes(app, deps, auth);
  return app;
}

/** A status itself: post, read (one or several), delete, edit. */
function registerStatusRoutes(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  const { core, config } = deps;
  const urls = urlContext(config);
  const { statuses } = core;

  app.post('/api/v1/statuses', async (c) => {
    const { account, user, bearer } = await auth.user(c, 'write:statuses');
    const p = await input(c, postParams);
    const key = c.req.header('idempotency-key');
    const given = {
      text: p.status ?? '',
      visibility: p.visibility,
      spoilerText: p.spoiler_text,
      sensitive: p.sensitive,
      inReplyToId: p.in_reply_to_id ?? undefined,
      language: p.language,
      app: bearer.app,
      idempotencyKey: key ? key.slice(0, 200) : undefined,
      mediaIds: p.media_ids,
      poll: pollInput(p.poll),
      quotedStatusId: p.quoted_status_id ?? undefined,
      quotePolicy: p.quote_approval_policy,
      versions: versionInputs(p.translations),
    };
    if (!p.scheduled_at) return c.json(serializeStatus(await statuses.post(account, user, given), readerContext(c, urls)));
    // A ScheduledStatus, or the Status itself when the time is already past (as Mastodon).
    const done = await statuses.scheduled.schedule(account, user, given, p.scheduled_at);
    return c.json(done.scheduled ? serializeScheduledStatus(done.scheduled, config.media.publicBaseUrl) : serializeStatus(done.status, readerContext(c, urls)));
  });

  app.get('/api/v1/statuses', async (c) => {
    const viewerId = await readerId(auth, c);
    const { id: ids } = await input(c, idsParams);
    const found = await core.statusViews.hydrate(viewerId, ids);
    const ctx = readerContext(c, urls);
    return c.json(found.map((v) => serializeStatus(v, ctx)));
  });

  app.get(`/api/v1/statuses/:id${ID}`, async (c) => {
    const viewerId = await readerId(auth, c);
    return c.json(serializeStatus(await statuses.get(viewerId, c.req.param('id')), readerContext(c, urls)));
  });

  app.delete(`/api/v1/statuses/:id${ID}`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const before = await statuses.remove(account, c.req.param('id'));
    return c.json(serializeStatus(before, urls, { text: before.status.text }));
  });

  app.put(`/api/v1/statuses/:id${ID}`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const p = await input(c, editParams);
    const current = await statuses.source(account, c.req.param('id'));
    const view = await statuses.edit(account, c.req.param('id'), {
      text: p.status ?? current.text,
      spoilerText: p.spoiler_text ?? current.spoilerText,
      sensitive: p.sensitive,
      language: p.language,
      // Mastodon apps send every attachment the post keeps (an empty list takes them all off).
      mediaIds: p.media_ids ?? [],
      mediaAttributes: p.media_attributes,
      // As Mastodon: an edit without a poll takes the poll off.
      poll: pollInput(p.poll) ?? null,
      versions: versionInputs(p.translations),
    });
    return c.json(serializeStatus(view, readerContext(c, urls)));
  });
}

/** What is known around a status: its earlier versions, its source text, its thread. */
function registerStatusInfoRoutes(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  const { core, config } = deps;
  const urls = urlContext(config);
  const { statuses } = core;

  app.get(`/api/v1/statuses/:id${ID}/history`, async (c) => {
    const viewerId = await readerId(auth, c);
    return c.json((await statuses.history(viewerId, c.req.param('id'))).map((v) => serializeStatusEdit(v, urls)));
  });

  app.get(`/api/v1/statuses/:id${ID}/source`, async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    const s = await statuses.source(account, c.req.param('id'));
    return c.json({ id: s.id, text: s.text, spoiler_text: s.spoilerText, ...sourceVersions(s.versions) });
  });

  app.get(`/api/v1/statuses/:id${ID}/context`, async (c) => {
    const viewerId = await readerId(auth, c);
    const ctx = await statuses.context(viewerId, c.req.param('id'));
    // Replies its server knows and this one does not are being fetched: the client polls, then reads again.
    setAsyncRefreshHeader(c, ctx.refresh, REPLIES_RETRY_SECONDS);
    // The thread context's filters apply to the answers and what they answer, not to the status asked for.
    const [up, down] = await Promise.all([core.filters.apply(viewerId, 'thread', ctx.ancestors), core.filters.apply(viewerId, 'thread', ctx.descendants)]);
    const reader = readerContext(c, urls);
    const show = (part: typeof up) => part.views.map((v) => serializeStatus(v, reader, viewerId ? { filtered: part.matches.get(v.status.id) ?? [] } : {}));
    return c.json({ ancestors: show(up), descendants: show(down) });
  });
}

/** What a user does to a status: reblog, favourite, bookmark, pin, mute, and undo each. */
function registerStatusActionRoutes(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  const { config } = deps;
  const urls = urlContext(config);
  const { statuses } = deps.core;

  const action = (path: string, scope: string, run: (c: Context<AppEnv>, account: Parameters<typeof statuses.favourite>[0], id: string) => ReturnType<typeof statuses.favourite>) => {
    app.post(`/api/v1/statuses/:id${ID}/${path}`, async (c) => {
      const { account } = await auth.user(c, scope);
      return c.json(serializeStatus(await run(c, account, c.req.param('id')), readerContext(c, urls)));
    });
  };
  action('reblog', 'write:statuses', async (c, a, i) => statuses.reblog(a, i, (await input(c, reblogParams)).visibility));
  action('unreblog', 'write:statuses', (_c, a, i) => statuses.unreblog(a, i));
  action('favourite', 'write:favourites', (_c, a, i) => statuses.favourite(a, i));
  action('unfavourite', 'write:favourites', (_c, a, i) => statuses.unfavourite(a, i));
  action('bookmark', 'write:bookmarks', (_c, a, i) => statuses.bookmark(a, i, true));
  action('unbookmark', 'write:bookmarks', (_c, a, i) => statuses.bookmark(a, i, false));
  action('pin', 'write:accounts', (_c, a, i) => statuses.pin(a, i, true));
  action('unpin', 'write:accounts', (_c, a, i) => statuses.pin(a, i, false));
  action('mute', 'write:mutes', (_c, a, i) => statuses.muteConversation(a, i, true));
  action('unmute', 'write:mutes', (_c, a, i) => statuses.muteConversation(a, i, false));
}

const policyParams = z.object({ quote_approval_policy: quotePolicy });

/** Quotes of a status: the author's list, their revoke, and who may quote it. */
function registerQuoteRoutes(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  const { config } = deps;
  const urls = urlContext(config);
  const { statuses } = deps.core;

  app.get(`/api/v1/statuses/:id${ID}/quotes`, async (c) => {
    const { account } = await auth.user(c, 'read:statuses');
    const result = await statuses.quotesOf(account, c.req.param('id'), await pageParams(c, { defaultLimit: 20, maxLimit: 40 }));
    setLinkHeader(c, config.origin, result);
    return c.json(result.items.map((v) => serializeStatus(v, urls)));
  });

  app.post(`/api/v1/statuses/:id${ID}/quotes/:quoting${ID}/revoke`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    return c.json(serializeStatus(await statuses.revokeQuote(account, c.req.param('id'), c.req.param('quoting')), urls));
  });

  app.put(`/api/v1/statuses/:id${ID}/interaction_policy`, async (c) => {
    const { account } = await auth.user(c, 'write:statuses');
    const p = await input(c, policyParams);
    return c.json(serializeStatus(await statuses.setQuotePolicy(account, c.req.param('id'), p.quote_approval_policy), urls));
  });
}

/** Who favourited and who reblogged a status, a page at a time. */
function registerStatusPeopleRoutes(app: Hono<AppEnv>, deps: ApiDeps, auth: Auth): void {
  const { config } = deps;
  const urls = urlContext(config);
  const { statuses } = deps.core;

  for (const [path, load] of [
    ['favourited_by', statuses.favouritedBy],
    ['reblogged_by', statuses.rebloggedBy],
  ] as const) {
    app.get(`/api/v1/statuses/:id${ID}/${path}`, async (c) => {
      const viewerId = await readerId(auth, c);
      const result = await load(viewerId, c.req.param('id'), await pageParams(c, { defaultLimit: 40, maxLimit: 80 }));
      setLinkHeader(c, config.origin, result);
      return c.json(result.items.map((a) => serializeAccount(a, urls)));
    });
  }
}
