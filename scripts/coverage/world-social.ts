// What other people do to the prober, for the operations that answer it: a direct conversation,
// a quote of its post (which it may revoke), and two strangers who ask to follow its (then
// locked) account and mention it while its policy filters strangers, leaving two follow requests
// (one to authorize, one to reject) and two notification requests (one to accept, one to dismiss).
import { call, signUp } from '../../test/helpers/http.ts';
import { eventually } from '../../test/helpers/wait.ts';
import { ALL_SCOPES, made } from './made.ts';

export interface Person {
  token: string;
  accountId: string;
}

export interface SocialRecords {
  conversationId?: string | undefined;
  quotingStatusId?: string | undefined;
  /** the strangers, discoverable (a collection may feature them) */
  strangerIds: string[];
  /** the notification requests of the strangers, in the same order */
  requestIds: (string | undefined)[];
}

/** A user who shows in directories and may be featured in collections. */
export async function discoverablePerson(base: string, username: string): Promise<Person> {
  const { token } = await signUp(base, username, ALL_SCOPES);
  const r = await call(base, '/api/v1/accounts/update_credentials', { method: 'PATCH', token, json: { discoverable: true } });
  return { token, accountId: r.body.id as string };
}

async function conversation(base: string, prober: Person, other: Person): Promise<string | undefined> {
  const sent = await made(base, '/api/v1/statuses', other.token, { status: '@prober a word between us', visibility: 'direct' });
  if (!sent) return undefined;
  const found = await eventually(
    async () => {
      const r = await call(base, '/api/v1/conversations', { token: prober.token });
      return Array.isArray(r.body) && r.body.length > 0 && (r.body[0].id as string);
    },
    10_000,
    'a conversation',
  ).catch(() => undefined);
  return found || undefined;
}

/** Strangers follow the locked prober and mention it; their mentions wait as notification requests. */
async function strangers(base: string, prober: Person): Promise<Pick<SocialRecords, 'strangerIds' | 'requestIds'>> {
  await call(base, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: prober.token, json: { locked: true } });
  await call(base, '/api/v2/notifications/policy', { method: 'PATCH', token: prober.token, json: { for_not_following: 'filter' } });
  const people = [await discoverablePerson(base, 'asker'), await discoverablePerson(base, 'caller')];
  for (const p of people) {
    await call(base, `/api/v1/accounts/${prober.accountId}/follow`, { method: 'POST', token: p.token });
    await made(base, '/api/v1/statuses', p.token, { status: '@prober hello from a stranger', visibility: 'public' });
  }
  const requests = await eventually(
    async () => {
      const r = await call<{ id: string; account: { id: string } }[]>(base, '/api/v1/notifications/requests', { token: prober.token });
      return Array.isArray(r.body) && r.body.length >= people.length && r.body;
    },
    10_000,
    'notification requests',
  ).catch(() => []);
  return {
    strangerIds: people.map((p) => p.accountId),
    requestIds: people.map((p) => requests.find((r) => r.account.id === p.accountId)?.id),
  };
}

export async function buildSocial(base: string, prober: Person, other: Person, statusId: string | undefined): Promise<SocialRecords> {
  const quoting = statusId ? await made(base, '/api/v1/statuses', other.token, { status: 'Quoting the prober', quoted_status_id: statusId }) : undefined;
  return {
    conversationId: await conversation(base, prober, other),
    quotingStatusId: quoting?.id,
    ...(await strangers(base, prober)),
  };
}
