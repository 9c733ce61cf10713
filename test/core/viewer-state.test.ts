// Pages of statuses keep each viewer's flags and relations between reads (core/statuses/viewer-state)
// and the rows every viewer shares (statuses, accounts). Every change must show on the very next
// read: the viewer's own actions, another account blocking the viewer, a timed mute running out,
// counts and profiles moving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

describe('what a page shows follows each change at once', () => {
  let server: TestServer;
  const who: Record<string, { token: string; id: string }> = {};
  let post: string;

  const home = async (name = 'reader') => (await call(server.url, '/api/v1/timelines/home', { token: who[name]!.token })).body as Record<string, unknown>[];
  const onHome = async (name = 'reader') => (await home(name)).find((s) => s.id === post);

  before(async () => {
    server = await startServer();
    for (const name of ['reader', 'writer']) {
      const { token } = await signUp(server.url, name);
      who[name] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    await call(server.url, `/api/v1/accounts/${who.writer!.id}/follow`, { method: 'POST', token: who.reader!.token });
    post = (await call(server.url, '/api/v1/statuses', { token: who.writer!.token, json: { status: 'read me', visibility: 'private' } })).body.id;
    await server.app.jobs.idle();
    assert.ok(await onHome(), 'the post is on the home timeline');
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('the viewer’s own flags', async () => {
    for (const [action, flag] of [
      ['favourite', 'favourited'],
      ['bookmark', 'bookmarked'],
      ['mute', 'muted'],
    ] as const) {
      assert.equal((await onHome())![flag], false, `${flag} before`);
      await call(server.url, `/api/v1/statuses/${post}/${action}`, { method: 'POST', token: who.reader!.token });
      assert.equal((await onHome())![flag], true, `${flag} after ${action}`);
      await call(server.url, `/api/v1/statuses/${post}/un${action}`, { method: 'POST', token: who.reader!.token });
      assert.equal((await onHome())![flag], false, `${flag} after un${action}`);
    }
  });

  it('counts and the author’s profile', async () => {
    await onHome();
    await call(server.url, `/api/v1/statuses/${post}/favourite`, { method: 'POST', token: who.reader!.token });
    assert.equal((await onHome())!.favourites_count, 1);
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: who.writer!.token, json: { display_name: 'Writer, renamed' } });
    assert.equal(((await onHome())!.account as { display_name: string }).display_name, 'Writer, renamed');
    const before = ((await onHome())!.account as { statuses_count: number }).statuses_count;
    await call(server.url, '/api/v1/statuses', { token: who.writer!.token, json: { status: 'one more' } });
    // Counted by fan-out, which revises the remembered account once the count is committed.
    await server.app.jobs.idle();
    assert.equal(((await onHome())!.account as { statuses_count: number }).statuses_count, before + 1);
  });

  it('the author blocking the viewer: a private post is gone at once', async () => {
    const status = await call(server.url, `/api/v1/statuses/${post}`, { token: who.reader!.token });
    assert.equal(status.status, 200, 'visible to a follower');
    await call(server.url, `/api/v1/accounts/${who.reader!.id}/block`, { method: 'POST', token: who.writer!.token });
    assert.equal((await call(server.url, `/api/v1/statuses/${post}`, { token: who.reader!.token })).status, 404, 'hidden once the author blocks the reader');
    assert.equal(await onHome(), undefined);
    await call(server.url, `/api/v1/accounts/${who.reader!.id}/unblock`, { method: 'POST', token: who.writer!.token });
  });

  it('a timed mute hides the author’s posts, and shows them again when it runs out', async () => {
    // The block above ended the follow: follow again, so the post is for the reader once more.
    await call(server.url, `/api/v1/accounts/${who.writer!.id}/follow`, { method: 'POST', token: who.reader!.token });
    await server.app.jobs.idle();
    await eventually(async () => (await call(server.url, `/api/v1/statuses/${post}`, { token: who.reader!.token })).status === 200, 5000, 'visible again');
    const shown = await home();
    assert.ok(shown.length > 0);
    await call(server.url, `/api/v1/accounts/${who.writer!.id}/mute`, { method: 'POST', token: who.reader!.token, json: { duration: 2 } });
    assert.equal((await home()).filter((s) => (s.account as { id: string }).id === who.writer!.id).length, 0, 'muted: none of the author’s posts');
    await eventually(async () => (await home()).some((s) => (s.account as { id: string }).id === who.writer!.id), 6000, 'the posts back when the mute ends');
  });
});
