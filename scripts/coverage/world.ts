// The records the coverage probe calls operations on: two users (the probing one holds a token with
// every scope), their posts, a poll, a list, a filter, an upload, a notification and, where the
// server offers it, a scheduled post; what others do to the prober (world-social.ts) and its other
// records (world-records.ts). What the server refuses to make stays unset: the operations naming it
// get a well-formed id of nothing instead.
import type { ParleyApp } from '../../src/app.ts';
import { call, signUp } from '../../test/helpers/http.ts';
import { png } from '../../test/helpers/media-fixtures.ts';
import { ALL_SCOPES, made } from './made.ts';
import { buildOwnRecords, type OwnRecords } from './world-records.ts';
import { buildSocial, discoverablePerson, type SocialRecords } from './world-social.ts';

export { ALL_SCOPES } from './made.ts';

export interface World extends OwnRecords, SocialRecords {
  base: string;
  token: string;
  /** the prober's own account */
  accountId: string;
  /** the other user's account, status and poll (its own votes and follows need another author) */
  otherAccountId: string;
  otherStatusId?: string | undefined;
  otherStatusUrl?: string | undefined;
  pollId?: string | undefined;
  statusId?: string | undefined;
  listId?: string | undefined;
  filterId?: string | undefined;
  keywordId?: string | undefined;
  filterStatusId?: string | undefined;
  mediaId?: string | undefined;
  notificationId?: string | undefined;
  groupKey?: string | undefined;
  scheduledId?: string | undefined;
  tagName: string;
}

/** An id no record has: well-formed, so that a route that exists answers "Record not found". */
export const NOBODY_ID = '1';

async function upload(base: string, token: string): Promise<string | undefined> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'probe.png');
  form.append('description', 'A green square');
  const r = await call(base, '/api/v2/media', { token, body: form });
  return r.status === 200 || r.status === 202 ? r.body.id : undefined;
}

/** The other user posts (mentioning the prober, so that it has a notification) and asks a question. */
async function otherPosts(base: string, token: string): Promise<Pick<World, 'otherStatusId' | 'otherStatusUrl' | 'pollId'>> {
  const status = await made(base, '/api/v1/statuses', token, { status: 'Hello @prober, this is #parley', visibility: 'public' });
  const poll = await made(base, '/api/v1/statuses', token, { status: 'Tea or coffee?', poll: { options: ['tea', 'coffee'], expires_in: 86400 } });
  return { otherStatusId: status?.id, otherStatusUrl: status?.url, pollId: poll?.poll?.id };
}

async function filterRecords(base: string, token: string, statusId: string | undefined): Promise<Pick<World, 'filterId' | 'keywordId' | 'filterStatusId'>> {
  const filter = await made(base, '/api/v2/filters', token, { title: 'Probe', context: ['home'], keywords_attributes: [{ keyword: 'probe' }] });
  if (!filter) return {};
  const filtered = statusId ? await made(base, `/api/v2/filters/${filter.id}/statuses`, token, { status_id: statusId }) : undefined;
  return { filterId: filter.id, keywordId: filter.keywords?.[0]?.id, filterStatusId: filtered?.id };
}

async function scheduled(base: string, token: string): Promise<string | undefined> {
  const at = new Date(Date.now() + 3 * 3600_000).toISOString();
  const r = await made(base, '/api/v1/statuses', token, { status: 'Later', scheduled_at: at });
  // A server without scheduled posts refuses, or posts at once (a Status has no `params`).
  return r && 'params' in r ? r.id : undefined;
}

/** `app` is the probe's server: what no API makes (an announcement) is made through its core. */
export async function buildWorld(base: string, app: ParleyApp): Promise<World> {
  const prober = await signUp(base, 'prober', ALL_SCOPES);
  const token = prober.token;
  // Discoverable, as the other user: either may be featured in a collection.
  const accountId = (await call(base, '/api/v1/accounts/update_credentials', { method: 'PATCH', token, json: { discoverable: true } })).body.id as string;
  const other = await discoverablePerson(base, 'bystander');
  const otherAccountId = other.accountId;
  await call(base, `/api/v1/accounts/${otherAccountId}/follow`, { method: 'POST', token });
  const others = await otherPosts(base, other.token);
  const own = await made(base, '/api/v1/statuses', token, { status: 'A post to act on #parley', visibility: 'public' });
  const list = await made(base, '/api/v1/lists', token, { title: 'Probe list' });
  if (list) await call(base, `/api/v1/lists/${list.id}/accounts`, { token, json: { account_ids: [otherAccountId] } });
  const notifications = (await call(base, '/api/v1/notifications', { token })).body;
  const groups = (await call(base, '/api/v2/notifications', { token })).body;
  const me = { token, accountId };
  return {
    base,
    token,
    accountId,
    otherAccountId,
    ...others,
    statusId: own?.id,
    listId: list?.id,
    ...(await filterRecords(base, token, others.otherStatusId)),
    mediaId: await upload(base, token),
    notificationId: Array.isArray(notifications) ? notifications[0]?.id : undefined,
    groupKey: Array.isArray(groups?.notification_groups) ? groups.notification_groups[0]?.group_key : undefined,
    scheduledId: await scheduled(base, token),
    tagName: 'parley',
    ...(await buildOwnRecords(base, app, { ...me, clientId: prober.clientId, clientSecret: prober.clientSecret }, other)),
    // Last: it locks the prober's account and filters strangers' notifications.
    ...(await buildSocial(base, me, other, own?.id)),
  };
}
