// Searching posts in several languages (issue 23) through masto.js: a post's words are those of
// every version, written again when its versions change (one added, replaced or removed through
// Parley's endpoints, or an edit), and each reader gets the version that fits them in the results
// (`lang`, the languages they read or post in, Accept-Language); `language:` counts versions. A follower-only post with versions
// stays out of others' results. Every answer is checked against the OpenAPI description.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { readerClient } from '../helpers/reader-client.ts';

const EN = 'The embassy library lends atlases on Mondays';
const TH = 'ห้องสมุดสถานทูตให้ยืมแผนที่ทุกวันจันทร์';
const AR = 'تعير مكتبة السفارة الأطالس أيام الاثنين';

describe('search over the versions of a post', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const clients: Record<string, mastodon.rest.Client> = {};
  let postId: string;

  const client = (token: string, acceptLanguage?: string) => readerClient(server.url, token, acceptLanguage);
  const post = (json: Record<string, unknown>) => call(server.url, '/api/v1/statuses', { token: tokens.alice, json });
  /** The statuses `who` finds for `q`. */
  const found = async (who: string, q: string, extra: Record<string, string> = {}) => (await clients[who]!.v2.search.list({ q, type: 'statuses', ...extra })).statuses;
  const foundIds = async (who: string, q: string) => (await found(who, q)).map((s) => s.id);

  before(async () => {
    server = await startServer();
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) tokens[name] = (await signUp(server.url, name)).token;
    for (const name of ['alice', 'bob', 'carol', 'erin']) clients[name] = client(tokens[name]!);
    // Bob reads Thai; Carol posts in Arabic; Dave's client asks for French, then English.
    clients.dave = client(tokens.dave!, 'fr-FR, en;q=0.5');
    assert.equal((await call(server.url, '/api/parley/v1/reading_languages', { method: 'PUT', token: tokens.bob, json: { languages: ['th'] } })).status, 200);
    await clients.carol!.v1.accounts.updateCredentials({ source: { language: 'ar' } });
    // Alice lets her public posts be found (masto.js 8 leaves `indexable` out of update_credentials).
    assert.equal((await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: tokens.alice, json: { indexable: true } })).status, 200);
    const made = await post({ status: EN, language: 'en', spoiler_text: 'Library', translations: { th: { status: TH, spoiler_text: 'ห้องสมุด' }, ar: { status: AR } } });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    postId = made.body.id;
    // Words are written by fan-out's batch, once the post is answered.
    await server.app.jobs.idle();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('finds the post by a word of each version, and of a version’s content warning', async () => {
    assert.deepEqual(await foundIds('erin', 'atlases'), [postId]);
    assert.deepEqual(await foundIds('erin', 'สถานทูต'), [postId], 'a Thai word, inside a run without spaces');
    assert.deepEqual(await foundIds('erin', 'الأطالس'), [postId]);
    assert.deepEqual(await foundIds('erin', 'ห้องสมุด'), [postId]);
    assert.deepEqual(await foundIds('erin', '"embassy library"'), [postId], 'a phrase of the primary');
    // `language:` names the post's languages, as the languages a reader chose do: a version's too.
    assert.deepEqual(await foundIds('erin', 'atlases language:ar'), [postId]);
    assert.deepEqual(await foundIds('erin', 'atlases -language:ar'), []);
    assert.deepEqual(await foundIds('erin', 'atlases language:fr'), []);
  });

  it('gives each reader their version in the results', async () => {
    const [bob] = await found('bob', 'atlases');
    assert.deepEqual([bob!.language, bob!.spoilerText], ['th', 'ห้องสมุด']);
    assert.match(bob!.content, /ห้องสมุดสถานทูต/);
    const [carol] = await found('carol', 'สถานทูต');
    assert.deepEqual([carol!.language, carol!.spoilerText], ['ar', '']);
    assert.match(carol!.content, /مكتبة السفارة/);
    const [dave] = await found('dave', 'الأطالس');
    assert.deepEqual([dave!.language, dave!.spoilerText], ['en', 'Library']);
    assert.match(dave!.content, /lends atlases/);
    // `lang` comes before the languages Bob reads.
    const [asked] = await found('bob', 'atlases', { lang: 'ar' });
    assert.equal(asked!.language, 'ar');
  });

  it('keeps the words up to date as versions are replaced, removed and edited', async () => {
    const put = await call(server.url, `/api/parley/v1/statuses/${postId}/translations/th`, { method: 'PUT', token: tokens.alice, json: { status: 'ห้องสมุดปิดวันอังคาร' } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const removed = await call(server.url, `/api/parley/v1/statuses/${postId}/translations/ar`, { method: 'DELETE', token: tokens.alice });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    await server.app.jobs.idle();
    assert.deepEqual(await foundIds('erin', 'الأطالس'), [], 'the removed version’s words are gone');
    assert.deepEqual(await foundIds('erin', 'สถานทูต'), [], 'so are the replaced version’s');
    assert.deepEqual(await foundIds('erin', 'อังคาร'), [postId], 'the new Thai words are there');
    assert.deepEqual(await foundIds('erin', 'atlases'), [postId], 'and the primary’s');
    const [carol] = await found('carol', 'atlases');
    assert.equal(carol!.language, 'en', 'no Arabic version any more: the primary');

    // An edit that adds a version back, through the statuses endpoint.
    const edited = await call(server.url, `/api/v1/statuses/${postId}`, {
      method: 'PUT',
      token: tokens.alice,
      json: { status: EN, spoiler_text: 'Library', translations: { th: { status: 'ห้องสมุดปิดวันอังคาร' }, ar: { status: 'المكتبة مغلقة يوم الثلاثاء' } } },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    await server.app.jobs.idle();
    assert.deepEqual(await foundIds('erin', 'الثلاثاء'), [postId]);
  });

  it('keeps a follower-only post with versions out of the results of those it is not for', async () => {
    const made = await post({ status: 'Private notes for the staff', language: 'en', visibility: 'private', translations: { th: { status: 'บันทึกลับสำหรับเจ้าหน้าที่' } } });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const aliceId = (await clients.alice!.v1.accounts.verifyCredentials()).id;
    await clients.bob!.v1.accounts.$select(aliceId).follow();
    await server.app.jobs.idle();
    assert.deepEqual(await foundIds('alice', 'เจ้าหน้าที่'), [made.body.id], 'its author finds it by a word of its version');
    assert.deepEqual(await foundIds('erin', 'เจ้าหน้าที่'), [], 'not a follower');
    assert.deepEqual(await foundIds('erin', 'staff'), []);
    assert.deepEqual(await foundIds('bob', 'เจ้าหน้าที่'), [], 'a follower neither, as search leaves out others’ private posts');
    // Once he favourites it, it is his to find, in the version he reads.
    await clients.bob!.v1.statuses.$select(made.body.id).favourite();
    const [bob] = await found('bob', 'staff');
    assert.deepEqual([bob?.id, bob?.language], [made.body.id, 'th']);
    assert.deepEqual(await foundIds('erin', 'staff'), []);
  });
});
