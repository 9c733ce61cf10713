// The request the coverage probe sends for one operation: its path with real ids where the world
// has the record (else a well-formed id of nothing), and the parameters it needs to succeed where
// they are known. Everything else is sent bare: a route that exists still answers (400 or 422).
import type { Operation } from '../../test/helpers/conformance.ts';
import { png } from '../../test/helpers/media-fixtures.ts';
import { NOBODY_ID, type World } from './world.ts';

export interface ProbeRequest {
  method: string;
  path: string;
  json?: unknown;
  form?: () => Promise<FormData>;
}

/** Which record a path parameter names, by what comes before it in the path. */
const PARAMETER_SOURCES: [RegExp, (w: World) => string | undefined][] = [
  [/\/filters\/keywords\/$/, (w) => w.keywordId],
  [/\/filters\/statuses\/$/, (w) => w.filterStatusId],
  [/\/api\/v2\/filters\/$/, (w) => w.filterId],
  // A v1 filter is a keyword of a v2 filter: one of its own, which the v2 deletions leave alone.
  [/\/api\/v1\/filters\/$/, (w) => w.v1FilterId],
  [/\/featured_tags\/$/, (w) => w.featuredTagId],
  [/\/conversations\/$/, (w) => w.conversationId],
  [/\/collections\/$/, (w) => w.collectionId],
  [/\/collections\/[^/]+\/items\/$/, (w) => w.collectionItemId],
  [/\/announcements\/$/, (w) => w.announcementId],
  [/\/notifications\/requests\/$/, (w) => w.requestIds[0]],
  [/\/async_refreshes\/$/, (w) => w.refreshId],
  [/\/(accounts|follow_requests|suggestions)\/$/, (w) => w.otherAccountId],
  [/\/quotes\/$/, (w) => w.quotingStatusId],
  [/\/statuses\/$/, (w) => w.statusId],
  [/\/(lists|timelines\/list)\/$/, (w) => w.listId],
  [/\/media\/$/, (w) => w.mediaId],
  [/\/polls\/$/, (w) => w.pollId],
  [/\/api\/v1\/notifications\/$/, (w) => w.notificationId],
  [/\/api\/v2\/notifications\/$/, (w) => w.groupKey],
  [/\/scheduled_statuses\/$/, (w) => w.scheduledId],
  [/\/(tags|timelines\/tag)\/$/, (w) => w.tagName],
  [/\/annual_reports\/$/, (w) => w.year],
  [/\/terms_of_service\/$/, (w) => w.termsDate],
  [/\/reactions\/$/, () => '👍'],
];

/**
 * Operations that need other records than their path's usual ones, by parameter: an undoing that
 * would find its record gone after the doing (a second follow request to reject, say), or a record
 * only its other party may act on (the prober's place in another's collection, which it revokes).
 */
const OVERRIDES: Record<string, (w: World) => Record<string, string | undefined>> = {
  'GET /api/v1/accounts/{account_id}/in_collections': (w) => ({ account_id: w.accountId }),
  'POST /api/v1/follow_requests/{account_id}/authorize': (w) => ({ account_id: w.strangerIds[0] }),
  'POST /api/v1/follow_requests/{account_id}/reject': (w) => ({ account_id: w.strangerIds[1] }),
  'POST /api/v1/notifications/requests/{id}/dismiss': (w) => ({ id: w.requestIds[1] }),
  'POST /api/v1/collections/{collection_id}/items/{id}/revoke': (w) => ({ collection_id: w.othersCollectionId, id: w.othersItemId }),
};

export function fillPath(template: string, world: World, key = ''): string {
  const overrides = OVERRIDES[key]?.(world) ?? {};
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string, at: number) => {
    if (name in overrides) return encodeURIComponent(overrides[name] ?? NOBODY_ID);
    const before = template.slice(0, at);
    const source = PARAMETER_SOURCES.find(([pattern]) => pattern.test(before));
    return encodeURIComponent(source?.[1](world) ?? NOBODY_ID);
  });
}

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

/** Query parameters an operation cannot do without. */
const QUERIES: Record<string, (w: World) => Record<string, string>> = {
  'GET /api/v1/accounts': (w) => ({ 'id[]': w.otherAccountId }),
  'GET /api/v1/accounts/lookup': () => ({ acct: 'bystander' }),
  'GET /api/v1/accounts/relationships': (w) => ({ 'id[]': w.otherAccountId }),
  'GET /api/v1/accounts/familiar_followers': (w) => ({ 'id[]': w.otherAccountId }),
  'GET /api/v1/accounts/search': () => ({ q: 'bystander' }),
  'GET /api/v2/search': () => ({ q: 'parley' }),
  'GET /api/v1/statuses': (w) => ({ 'id[]': w.statusId ?? NOBODY_ID }),
  'GET /api/v1/markers': () => ({ 'timeline[]': 'home' }),
  'GET /api/oembed': (w) => ({ url: w.otherStatusUrl ?? `${w.base}/@bystander/1` }),
  'GET /api/v1/timelines/link': () => ({ url: 'https://example.com/' }),
  'GET /api/v1/streaming/hashtag': (w) => ({ tag: w.tagName }),
  'GET /api/v1/streaming/hashtag/local': (w) => ({ tag: w.tagName }),
  'GET /api/v1/streaming/list': (w) => ({ list: w.listId ?? NOBODY_ID }),
  'GET /oauth/authorize': (w) => ({ response_type: 'code', client_id: w.clientId, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'read' }),
};

/** JSON bodies that make an operation succeed. */
const BODIES: Record<string, (w: World) => unknown> = {
  'POST /api/v1/statuses': () => ({ status: 'A probe' }),
  'PUT /api/v1/statuses/{id}': () => ({ status: 'A post to act on, edited' }),
  'POST /api/v1/apps': () => ({ client_name: 'probe', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' }),
  'PATCH /api/v1/accounts/update_credentials': () => ({ note: 'Probing' }),
  'POST /api/v1/accounts/{id}/note': () => ({ comment: 'Met while probing' }),
  'POST /api/v1/lists': () => ({ title: 'Another list' }),
  'PUT /api/v1/lists/{id}': () => ({ title: 'Probe list, renamed' }),
  'POST /api/v1/lists/{id}/accounts': (w) => ({ account_ids: [w.otherAccountId] }),
  'DELETE /api/v1/lists/{id}/accounts': (w) => ({ account_ids: [w.otherAccountId] }),
  'POST /api/v1/filters': () => ({ phrase: 'probing', context: ['home'] }),
  'PUT /api/v1/filters/{id}': () => ({ phrase: 'probing', context: ['home'] }),
  'POST /api/v2/filters': () => ({ title: 'Another', context: ['home'], keywords_attributes: [{ keyword: 'another' }] }),
  'PUT /api/v2/filters/{id}': () => ({ title: 'Probe, renamed' }),
  'POST /api/v2/filters/{filter_id}/keywords': () => ({ keyword: 'more' }),
  'PUT /api/v2/filters/keywords/{id}': () => ({ keyword: 'changed' }),
  'POST /api/v2/filters/{filter_id}/statuses': (w) => ({ status_id: w.statusId }),
  'POST /api/v1/polls/{id}/votes': () => ({ choices: [0] }),
  'POST /api/v1/markers': (w) => ({ home: { last_read_id: w.statusId ?? NOBODY_ID } }),
  'POST /api/v1/domain_blocks': () => ({ domain: 'blocked.example' }),
  'DELETE /api/v1/domain_blocks': () => ({ domain: 'blocked.example' }),
  'POST /api/v1/featured_tags': (w) => ({ name: w.tagName }),
  'POST /api/v1/reports': (w) => ({ account_id: w.otherAccountId }),
  'PUT /api/v1/media/{id}': () => ({ description: 'A green square, described again' }),
  'PUT /api/v1/scheduled_statuses/{id}': () => ({ scheduled_at: inHours(4) }),
  'PUT /api/v1/statuses/{id}/interaction_policy': () => ({ quote_approval_policy: 'public' }),
  'POST /api/v1/accounts': () => ({ username: 'newcomer', email: 'newcomer@example.com', password: 'correct horse battery', agreement: true, locale: 'en' }),
  'POST /oauth/token': (w) => ({ grant_type: 'client_credentials', client_id: w.clientId, client_secret: w.clientSecret, scope: 'read' }),
  'POST /oauth/revoke': (w) => ({ client_id: w.clientId, client_secret: w.clientSecret, token: w.spareToken }),
  'POST /api/v1/collections': () => ({ name: 'Another collection', description: 'Made by the probe' }),
  'PATCH /api/v1/collections/{id}': () => ({ name: 'Probe collection, renamed' }),
  'POST /api/v1/collections/{collection_id}/items': (w) => ({ account_id: w.strangerIds[0] }),
};

async function uploadForm(): Promise<FormData> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'probe.png');
  return form;
}

export function requestFor(op: Operation, world: World): ProbeRequest {
  const key = `${op.method} ${op.template}`;
  const query = QUERIES[key]?.(world);
  const path = fillPath(op.template, world, key) + (query ? `?${new URLSearchParams(query).toString()}` : '');
  if (key === 'POST /api/v1/media' || key === 'POST /api/v2/media') return { method: op.method, path, form: uploadForm };
  const body = BODIES[key];
  return body ? { method: op.method, path, json: body(world) } : { method: op.method, path };
}
