// Pages of statuses keep each viewer's flags and relations between reads (core/statuses/viewer-state)
// and the rows every viewer shares (statuses, accounts). Every change must show on the very next
// read: the viewer's own actions, another account blocking the viewer, a timed mute running out,
// counts and profiles moving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalBus } from '../../src/infra/bus.ts';
import { createViewerState } from '../../src/core/statuses/viewer-state.ts';
import type { Status } from '../../src/core/statuses/views.ts';
import { call, signUp } from '../helpers/http.ts';
import { remoteAccountInput } from '../helpers/remote-account.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/wait.ts';

interface Person {
  token: string;
  id: string;
}

describe('what a page shows follows each change at once', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });

  /** Each test's own reader, following a writer whose private post is on the reader's home. */
  async function setUp(tag: string) {
    const who = {} as Record<'reader' | 'writer', Person>;
    for (const role of ['reader', 'writer'] as const) {
      const { token } = await signUp(server.url, `${role}${tag}`);
      who[role] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    const { reader, writer } = who;
    await call(server.url, `/api/v1/accounts/${writer.id}/follow`, { method: 'POST', token: reader.token });
    const post = (await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'read me', visibility: 'private' } })).body.id as string;
    await server.app.jobs.idle();
    const home = async () => (await call(server.url, '/api/v1/timelines/home', { token: reader.token })).body as Record<string, unknown>[];
    const onHome = async () => (await home()).find((s) => s.id === post);
    assert.ok(await onHome(), 'the post is on the home timeline');
    return { reader, writer, post, home, onHome };
  }
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  it('the viewer’s own flags', async () => {
    const { reader, post, onHome } = await setUp('one');
    for (const [action, flag] of [
      ['favourite', 'favourited'],
      ['bookmark', 'bookmarked'],
      ['mute', 'muted'],
    ] as const) {
      assert.equal((await onHome())![flag], false, `${flag} before`);
      await call(server.url, `/api/v1/statuses/${post}/${action}`, { method: 'POST', token: reader.token });
      assert.equal((await onHome())![flag], true, `${flag} after ${action}`);
      await call(server.url, `/api/v1/statuses/${post}/un${action}`, { method: 'POST', token: reader.token });
      assert.equal((await onHome())![flag], false, `${flag} after un${action}`);
    }
  });

  it('counts and the author’s profile', async () => {
    const { reader, writer, post, onHome } = await setUp('two');
    await onHome();
    await call(server.url, `/api/v1/statuses/${post}/favourite`, { method: 'POST', token: reader.token });
    assert.equal((await onHome())!.favourites_count, 1);
    await call(server.url, '/api/v1/accounts/update_credentials', { method: 'PATCH', token: writer.token, json: { display_name: 'Writer, renamed' } });
    assert.equal(((await onHome())!.account as { display_name: string }).display_name, 'Writer, renamed');
    const before = ((await onHome())!.account as { statuses_count: number }).statuses_count;
    await call(server.url, '/api/v1/statuses', { token: writer.token, json: { status: 'one more' } });
    // Counted by fan-out, which revises the remembered account once the count is committed.
    await server.app.jobs.idle();
    assert.equal(((await onHome())!.account as { statuses_count: number }).statuses_count, before + 1);
  });

  it('the author blocking the viewer: a private post is gone at once', async () => {
    const { reader, writer, post, onHome } = await setUp('three');
    const status = await call(server.url, `/api/v1/statuses/${post}`, { token: reader.token });
    assert.equal(status.status, 200, 'visible to a follower');
    await call(server.url, `/api/v1/accounts/${reader.id}/block`, { method: 'POST', token: writer.token });
    assert.equal((await call(server.url, `/api/v1/statuses/${post}`, { token: reader.token })).status, 404, 'hidden once the author blocks the reader');
    assert.equal(await onHome(), undefined);
  });

  it('a timed mute hides the author’s posts, and shows them again when it runs out', async () => {
    const { reader, writer, home } = await setUp('four');
    const shown = await home();
    assert.ok(shown.length > 0);
    await call(server.url, `/api/v1/accounts/${writer.id}/mute`, { method: 'POST', token: reader.token, json: { duration: 2 } });
    assert.equal((await home()).filter((s) => (s.account as { id: string }).id === writer.id).length, 0, 'muted: none of the author’s posts');
    await eventually(async () => (await home()).some((s) => (s.account as { id: string }).id === writer.id), 6000, 'the posts back when the mute ends');
  });

  it('a viewer’s relations read alone (a visibility verdict) agree with those read with a page', async () => {
    const people: Record<string, Person> = {};
    for (const name of ['asker', 'followed', 'blocked', 'blocker', 'muted', 'stranger']) {
      const { token } = await signUp(server.url, `rel${name}`);
      people[name] = { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
    }
    const far = await server.app.core.remoteAccounts.upsert(remoteAccountInput('distant', 'blocked.example'));
    const { asker } = people as Record<string, Person>;
    const act = (path: string, json?: object) => call(server.url, path, { method: 'POST', token: asker!.token, json });
    await act(`/api/v1/accounts/${people.followed!.id}/follow`);
    await act(`/api/v1/accounts/${people.blocked!.id}/block`);
    await call(server.url, `/api/v1/accounts/${asker!.id}/block`, { method: 'POST', token: people.blocker!.token });
    await act(`/api/v1/accounts/${people.muted!.id}/mute`, { duration: 3600 });
    await act('/api/v1/domain_blocks', { domain: 'blocked.example' });
    const authors = [people.followed!.id, people.blocked!.id, people.blocker!.id, people.muted!.id, people.stranger!.id, far.id];
    // Fresh instances: nothing kept from the pages above.
    const alone = createViewerState({ db: server.app.database.db, bus: createLocalBus() });
    const withPage = createViewerState({ db: server.app.database.db, bus: createLocalBus() });
    const verdict = await alone.relationsWith(asker!.id, authors);
    const page = (
      await withPage.of(
        asker!.id,
        authors.map((accountId, i) => ({ id: String(9_000_000 + i), accountId, conversationId: String(9_000_000 + i) }) as Status),
      )
    ).context;
    const sets = ['follows', 'blocking', 'blockedBy', 'muting', 'domainBlocking'] as const;
    const read = (context: typeof page) => Object.fromEntries(sets.map((set) => [set, authors.filter((id) => context[set].has(id))]));
    assert.deepEqual(read(verdict), read(page));
    assert.deepEqual(read(verdict), {
      follows: [people.followed!.id],
      blocking: [people.blocked!.id],
      blockedBy: [people.blocker!.id],
      muting: [people.muted!.id],
      domainBlocking: [far.id],
    });
  });
});
