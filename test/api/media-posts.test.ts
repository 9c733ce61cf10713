// Posts carrying media, through masto.js: attached in the order given, read back everywhere a
// status appears, edited (the history keeps what each version carried), deleted (the clean-up
// removes the files), and every wrong attachment refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRestAPIClient, type mastodon } from 'masto';
import { call, signUp } from '../helpers/http.ts';
import { mp4, png } from '../helpers/media-fixtures.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('posts with media', () => {
  let server: TestServer;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  let masto: mastodon.rest.Client;
  let bobMasto: mastodon.rest.Client;

  before(async () => {
    server = await startServer();
    [alice, bob] = [await signUp(server.url, 'alice'), await signUp(server.url, 'bob')];
    masto = createRestAPIClient({ url: server.url, accessToken: alice.token, mediaTimeout: 60_000 });
    bobMasto = createRestAPIClient({ url: server.url, accessToken: bob.token, mediaTimeout: 60_000 });
    const aliceId = (await masto.v1.accounts.verifyCredentials()).id;
    await bobMasto.v1.accounts.$select(aliceId).follow();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  // Each upload different bytes (the same bytes share one file, kept while any media uses it).
  let made = 0;
  const image = async (_n: number, description: string, client = masto) =>
    client.v2.media.create({ file: new Blob([new Uint8Array(await png(40 + made++, 30, false))], { type: 'image/png' }), description });

  it('attaches in the order given, with no text needed, and every door shows them', async () => {
    const [one, two] = [await image(1, 'first'), await image(2, 'second')];
    const video = await masto.v2.media.create({ file: new Blob([new Uint8Array(await mp4(1))]), description: 'a clip' });
    const status = await masto.v1.statuses.create({ status: '', mediaIds: [video.id, two.id, one.id] });
    assert.deepEqual(
      status.mediaAttachments.map((m) => [m.id, m.type, m.description]),
      [
        [video.id, 'video', 'a clip'],
        [two.id, 'image', 'second'],
        [one.id, 'image', 'first'],
      ],
    );
    const expected = status.mediaAttachments.map((m) => m.url);
    const urlsOf = (s: mastodon.v1.Status | undefined) => s?.mediaAttachments.map((m) => m.url);
    assert.deepEqual(urlsOf(await bobMasto.v1.statuses.$select(status.id).fetch()), expected);
    const home = await eventually(async () => (await bobMasto.v1.timelines.home.list()).find((s) => s.id === status.id), 10_000, 'the post at home');
    assert.deepEqual(urlsOf(home), expected);
    assert.deepEqual(urlsOf((await bobMasto.v1.timelines.public.list()).find((s) => s.id === status.id)), expected);
    assert.deepEqual(urlsOf((await bobMasto.v1.accounts.$select(status.account.id).statuses.list()).find((s) => s.id === status.id)), expected);
    const onlyMedia = await bobMasto.v1.accounts.$select(status.account.id).statuses.list({ onlyMedia: true });
    assert.ok(onlyMedia.some((s) => s.id === status.id));
    for (const url of expected) assert.equal((await fetch(url!, { method: 'HEAD' })).status, 200);
    // Attached, a media is changed with its post's edit only (as Mastodon answers).
    assert.equal((await call(server.url, `/api/v1/media/${one.id}`, { method: 'PUT', token: alice.token, json: { description: 'x' } })).status, 404);
    assert.equal((await call(server.url, `/api/v1/media/${one.id}`, { method: 'DELETE', token: alice.token })).status, 422);
  });

  it('refuses more than four, another’s media, media already posted, and unknown ids', async () => {
    const five = await Promise.all([1, 2, 3, 4, 5].map((i) => image(i, `n${i}`)));
    const post = (mediaIds: string[], token = alice.token) => call(server.url, '/api/v1/statuses', { token, json: { status: 'look', media_ids: mediaIds } });
    const tooMany = await post(five.map((m) => m.id));
    assert.equal(tooMany.status, 422);
    assert.match(tooMany.body.error, /at most 4/);
    const bobs = await image(9, 'bob’s', bobMasto);
    assert.equal((await post([bobs.id])).status, 422);
    assert.equal((await post(['123456789'])).status, 422);
    assert.equal((await post(['not-an-id'])).status, 422);
    assert.equal((await post([five[0]!.id])).status, 200);
    const again = await post([five[0]!.id]);
    assert.equal(again.status, 422);
    assert.match(again.body.error, /already attached/);
  });

  it('edits: the attachments change, descriptions change, and the history shows what each version carried', async () => {
    const [one, two] = [await image(3, 'one'), await image(4, 'two')];
    const status = await masto.v1.statuses.create({ status: 'two pictures', mediaIds: [one.id, two.id] });
    const edited = await call(server.url, `/api/v1/statuses/${status.id}`, {
      method: 'PUT',
      token: alice.token,
      json: { status: 'one picture', media_ids: [two.id], media_attributes: [{ id: two.id, description: 'two, described better' }] },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(
      edited.body.media_attachments.map((m: { id: string; description: string }) => [m.id, m.description]),
      [[two.id, 'two, described better']],
    );
    const history = await masto.v1.statuses.$select(status.id).history.list();
    assert.deepEqual(
      history.map((v) => v.mediaAttachments.map((m) => m.id)),
      [[one.id, two.id], [two.id]],
    );
    const wrong = await call(server.url, `/api/v1/statuses/${status.id}`, {
      method: 'PUT',
      token: alice.token,
      json: { status: 'x', media_ids: [two.id], media_attributes: [{ id: one.id, description: 'gone' }] },
    });
    assert.equal(wrong.status, 422);
  });

  it('deleting the post leaves its media for a redraft until the clean-up, which removes the files', async () => {
    const one = await image(5, 'redraft me');
    const first = await masto.v1.statuses.create({ status: 'draft one', mediaIds: [one.id] });
    const removed = await call(server.url, `/api/v1/statuses/${first.id}`, { method: 'DELETE', token: alice.token });
    assert.equal(removed.status, 200);
    assert.deepEqual(
      removed.body.media_attachments.map((m: { id: string }) => m.id),
      [one.id],
    );
    const redraft = await masto.v1.statuses.create({ status: 'draft two', mediaIds: [one.id] });
    assert.deepEqual(
      redraft.mediaAttachments.map((m) => m.id),
      [one.id],
    );
    const url = redraft.mediaAttachments[0]!.url!;
    await masto.v1.statuses.$select(redraft.id).remove();
    const unposted = await image(6, 'never posted');
    await server.app.database.pool.query(`update media_attachments set created_at = now() - interval '2 days' where id = $1`, [unposted.id]);
    const kept = await image(7, 'just uploaded');
    const gone = await server.app.core.media.cleanup.run();
    assert.ok(gone >= 2, `${gone} removed`);
    assert.equal((await fetch(url, { method: 'HEAD' })).status, 404, 'the deleted post’s file is gone');
    assert.equal((await fetch(unposted.url!, { method: 'HEAD' })).status, 404, 'the upload never posted is gone');
    assert.equal((await fetch(kept.url!, { method: 'HEAD' })).status, 200, 'a fresh upload stays');
  });
});
