// The prober's own records beyond posts and lists: a spare app token (to revoke), a v1 filter, a
// featured hashtag, collections (its own featuring the other user, and the other user's featuring
// it, so that it may revoke its place), this year's annual report (generated, through its async
// refresh), and an announcement. Announcements have no API to make them: the administrator's
// command does (`parley announcements add`), through the core the probe's server runs.
import type { ParleyApp } from '../../src/app.ts';
import { call } from '../../test/helpers/http.ts';
import { eventually } from '../../test/helpers/wait.ts';
import { made } from './made.ts';
import type { Person } from './world-social.ts';

export interface OwnRecords {
  /** the prober's app, and a token of it that may be revoked */
  clientId: string;
  clientSecret: string;
  spareToken?: string | undefined;
  v1FilterId?: string | undefined;
  featuredTagId?: string | undefined;
  /** the prober's collection and its item featuring the other user */
  collectionId?: string | undefined;
  collectionItemId?: string | undefined;
  /** the other user's collection and its item featuring the prober */
  othersCollectionId?: string | undefined;
  othersItemId?: string | undefined;
  year: string;
  refreshId?: string | undefined;
  announcementId?: string | undefined;
  termsDate?: string | undefined;
}

async function spareToken(base: string, clientId: string, clientSecret: string): Promise<string | undefined> {
  const r = await call(base, '/oauth/token', { json: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'read' } });
  return r.status === 200 ? (r.body.access_token as string) : undefined;
}

async function collections(base: string, prober: Person, other: Person): Promise<Partial<OwnRecords>> {
  const own = await made(base, '/api/v1/collections', prober.token, { name: 'Probe collection', description: 'Accounts to follow', account_ids: [other.accountId] });
  const others = await made(base, '/api/v1/collections', other.token, { name: 'Friends', description: 'Worth following', account_ids: [prober.accountId] });
  return {
    collectionId: own?.collection?.id,
    collectionItemId: own?.collection?.items[0]?.id,
    othersCollectionId: others?.collection?.id,
    othersItemId: others?.collection?.items[0]?.id,
  };
}

/** Asks for this year's report and waits for the job its async refresh names. */
async function annualReport(base: string, token: string, year: string): Promise<string | undefined> {
  const asked = await call(base, `/api/v1/annual_reports/${year}/generate`, { method: 'POST', token });
  const id = /^id="([^"]+)"/.exec(asked.headers.get('mastodon-async-refresh') ?? '')?.[1];
  if (!id) return undefined;
  await eventually(async () => (await call(base, `/api/v1_alpha/async_refreshes/${id}`, { token })).body?.async_refresh?.status === 'finished', 20_000, 'the annual report').catch(() => {});
  return id;
}

export async function buildOwnRecords(base: string, app: ParleyApp, prober: Person & { clientId: string; clientSecret: string }, other: Person): Promise<OwnRecords> {
  const { token } = prober;
  const year = String(new Date().getUTCFullYear());
  const terms = await call(base, '/api/v1/instance/terms_of_service');
  return {
    clientId: prober.clientId,
    clientSecret: prober.clientSecret,
    spareToken: await spareToken(base, prober.clientId, prober.clientSecret),
    v1FilterId: (await made(base, '/api/v1/filters', token, { phrase: 'v1 probe', context: ['home'] }))?.id,
    featuredTagId: (await made(base, '/api/v1/featured_tags', token, { name: 'probing' }))?.id,
    ...(await collections(base, prober, other)),
    year,
    refreshId: await annualReport(base, token, year),
    announcementId: (await app.core.announcements.publish({ text: 'The probe is running.' })).id,
    termsDate: terms.status === 200 ? (terms.body.effective_date as string) : undefined,
  };
}
