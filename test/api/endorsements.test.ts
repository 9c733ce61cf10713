// Endorsements and private notes through masto.js and megalodon: only a followed account can be
// endorsed (pin/endorse), the endorsement shows in the relationship and on both lists, and ends with
// the follow; a note is its writer's alone, cleared by an empty comment.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { call } from '../helpers/http.ts';
import { signedUp, type Person } from '../helpers/people.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('endorsements and notes', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const person = (name: string): Promise<Person> => signedUp(server.url, name);
  const names = (accounts: { username: string }[]) => accounts.map((a) => a.username);

  it('endorses followed accounts only, lists them, and forgets them with the follow (masto.js)', async () => {
    const [amal, bea, cyd] = [await person('en_amal'), await person('en_bea'), await person('en_cyd')];
    const refused = await call(server.url, `/api/v1/accounts/${bea.id}/pin`, { method: 'POST', token: amal.token });
    assert.equal(refused.status, 422);
    assert.match(refused.body.error, /following/);

    await amal.masto.v1.accounts.$select(bea.id).follow();
    await amal.masto.v1.accounts.$select(cyd.id).follow();
    assert.equal((await amal.masto.v1.accounts.$select(bea.id).pin()).endorsed, true);
    assert.equal((await amal.masto.v1.accounts.$select(bea.id).endorse()).endorsed, true, 'endorsing twice is no error');
    assert.equal((await amal.masto.v1.accounts.$select(cyd.id).endorse()).endorsed, true);
    const [withBea] = await amal.masto.v1.accounts.relationships.fetch({ id: [bea.id] });
    assert.equal(withBea!.endorsed, true);
    assert.equal((await bea.masto.v1.accounts.relationships.fetch({ id: [amal.id] }))[0]!.endorsed, false, 'one way');

    assert.deepEqual(names(await amal.masto.v1.endorsements.list()), ['en_cyd', 'en_bea'], 'newest first');
    const anonymous = createRestAPIClient({ url: server.url });
    assert.deepEqual(names(await anonymous.v1.accounts.$select(amal.id).endorsements.list()), ['en_cyd', 'en_bea'], 'anyone may see them');
    const page = await call(server.url, `/api/v1/endorsements?limit=1`, { token: amal.token });
    assert.deepEqual(names(page.body), ['en_cyd']);
    const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    assert.ok(next);
    assert.deepEqual(names((await call(server.url, new URL(next).pathname + new URL(next).search, { token: amal.token })).body), ['en_bea']);

    assert.equal((await amal.masto.v1.accounts.$select(cyd.id).unpin()).endorsed, false);
    assert.equal((await amal.masto.v1.accounts.$select(cyd.id).unendorse()).endorsed, false, 'unendorsing twice is no error');
    // Unfollowing (or blocking) ends the endorsement; following again does not bring it back.
    await amal.masto.v1.accounts.$select(bea.id).unfollow();
    await amal.masto.v1.accounts.$select(bea.id).follow();
    assert.equal((await amal.masto.v1.accounts.relationships.fetch({ id: [bea.id] }))[0]!.endorsed, false);
    assert.deepEqual(await amal.masto.v1.endorsements.list(), []);
    await amal.masto.v1.accounts.$select(bea.id).pin();
    await amal.masto.v1.accounts.$select(bea.id).block();
    assert.deepEqual(await amal.masto.v1.endorsements.list(), []);

    // A suspended account disappears from the lists; unknown accounts are 404; a token is needed.
    await amal.masto.v1.accounts.$select(cyd.id).pin();
    await server.app.core.accounts.setSuspended(cyd.id, true);
    assert.deepEqual(await amal.masto.v1.endorsements.list(), []);
    assert.equal((await call(server.url, '/api/v1/accounts/99999999/endorse', { method: 'POST', token: amal.token })).status, 404);
    assert.equal((await call(server.url, '/api/v1/accounts/99999999/endorsements')).status, 404);
    assert.equal((await call(server.url, '/api/v1/endorsements')).status, 401);
  });

  it('endorses through megalodon', async () => {
    const [dov, eli] = [await person('en_dov'), await person('en_eli')];
    const client = generator('mastodon', server.url, dov.token);
    await client.followAccount(eli.id);
    assert.equal((await client.pinAccount(eli.id)).data.endorsed, true);
    assert.deepEqual(names((await client.getEndorsements()).data), ['en_eli']);
    assert.equal((await client.unpinAccount(eli.id)).data.endorsed, false);
  });

  it('keeps private notes for their writer alone; an empty comment clears them (masto.js, megalodon)', async () => {
    const [fay, gus, hal] = [await person('nt_fay'), await person('nt_gus'), await person('nt_hal')];
    const noted = await fay.masto.v1.accounts.$select(gus.id).note.create({ comment: 'Met at the press conference' });
    assert.equal(noted.note, 'Met at the press conference');
    assert.equal((await fay.masto.v1.accounts.relationships.fetch({ id: [gus.id, hal.id] })).map((r) => r.note).join('|'), 'Met at the press conference|');
    assert.equal((await hal.masto.v1.accounts.relationships.fetch({ id: [gus.id] }))[0]!.note, '', 'another user sees no note');
    assert.equal((await gus.masto.v1.accounts.relationships.fetch({ id: [fay.id] }))[0]!.note, '', 'nor does the account noted');

    const client = generator('mastodon', server.url, fay.token);
    assert.equal((await client.setAccountNote(gus.id, 'Spokesperson')).data.note, 'Spokesperson');
    assert.equal((await fay.masto.v1.accounts.$select(gus.id).note.create({ comment: '' })).note, '');
    assert.equal((await call(server.url, `/api/v1/accounts/${gus.id}/note`, { method: 'POST', token: fay.token, json: {} })).body.note, '', 'no comment clears too');

    const tooLong = await call(server.url, `/api/v1/accounts/${gus.id}/note`, { method: 'POST', token: fay.token, json: { comment: 'x'.repeat(2001) } });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.body.error, /too long/);
    assert.equal((await call(server.url, `/api/v1/accounts/99999999/note`, { method: 'POST', token: fay.token, json: { comment: 'x' } })).status, 404);
    assert.equal((await call(server.url, `/api/v1/accounts/${gus.id}/note`, { method: 'POST', json: { comment: 'x' } })).status, 401);
  });
});
