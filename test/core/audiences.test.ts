// Fan-out keeps each author's audience in memory (timelines/audiences): every change that moves a
// follower in or out of it must show on the author's very next post, with the audience already
// remembered from the post before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('audiences remembered by fan-out', () => {
  let server: TestServer;
  let author: Awaited<ReturnType<typeof signUp>>;
  let authorId: string;

  before(async () => {
    server = await startServer();
    author = await signUp(server.url, 'speaker');
    authorId = await idOf(author.token);
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  async function idOf(token: string): Promise<string> {
    return (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id;
  }

  /** Posts, waits for the fan-out, and tells whom the post was pushed to (and that feeds agree). */
  async function pushedTo(json: Record<string, unknown> = {}): Promise<string[]> {
    const posted = await call(server.url, '/api/v1/statuses', { token: author.token, json: { status: 'news', ...json } });
    assert.equal(posted.status, 200);
    await server.app.jobs.idle();
    const recipients = await server.app.core.fanout.recipients(posted.body.id);
    if (!server.app.redis) {
      const { rows } = await server.app.database.pool.query('select account_id::text as id from home_feeds where status_id = $1', [posted.body.id]);
      assert.deepEqual(rows.map((r) => r.id).sort(), [...recipients].sort(), 'the feeds hold what the recipients say');
    }
    return recipients;
  }

  async function follower(name: string): Promise<{ token: string; id: string }> {
    const who = await signUp(server.url, name);
    const id = await idOf(who.token);
    await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: who.token });
    return { token: who.token, id };
  }

  it('follows and unfollows', async () => {
    const early = await follower('early');
    assert.deepEqual((await pushedTo()).sort(), [authorId, early.id].sort());
    const late = await follower('late');
    assert.ok((await pushedTo()).includes(late.id), 'a new follower gets the next post');
    await call(server.url, `/api/v1/accounts/${authorId}/unfollow`, { method: 'POST', token: late.token });
    assert.ok(!(await pushedTo()).includes(late.id), 'an unfollow stops the next post');
  });

  it("follows' language choices", async () => {
    const reader = await follower('polyglot');
    assert.ok((await pushedTo({ language: 'en' })).includes(reader.id));
    await call(server.url, `/api/v1/accounts/${authorId}/follow`, { method: 'POST', token: reader.token, json: { languages: ['fr'] } });
    assert.ok(!(await pushedTo({ language: 'en' })).includes(reader.id), 'English is no longer asked for');
    assert.ok((await pushedTo({ language: 'fr' })).includes(reader.id), 'French is');
  });

  it('mutes, for good and for a while', async () => {
    const reader = await follower('muter');
    assert.ok((await pushedTo()).includes(reader.id));
    await call(server.url, `/api/v1/accounts/${authorId}/mute`, { method: 'POST', token: reader.token });
    assert.ok(!(await pushedTo()).includes(reader.id), 'muted');
    await call(server.url, `/api/v1/accounts/${authorId}/unmute`, { method: 'POST', token: reader.token });
    assert.ok((await pushedTo()).includes(reader.id), 'unmuted');
    await call(server.url, `/api/v1/accounts/${authorId}/mute`, { method: 'POST', token: reader.token, json: { duration: 2 } });
    assert.ok(!(await pushedTo()).includes(reader.id), 'muted for two seconds');
    await new Promise((r) => setTimeout(r, 2_100));
    assert.ok((await pushedTo()).includes(reader.id), 'the mute has ended: no change was written, the remembered audience ended with it');
  });

  it('blocks, either way', async () => {
    const blocker = await follower('blocker');
    const blocked = await follower('blocked');
    const both = await pushedTo();
    assert.ok(both.includes(blocker.id) && both.includes(blocked.id));
    await call(server.url, `/api/v1/accounts/${authorId}/block`, { method: 'POST', token: blocker.token });
    await call(server.url, `/api/v1/accounts/${blocked.id}/block`, { method: 'POST', token: author.token });
    const after = await pushedTo();
    assert.ok(!after.includes(blocker.id) && !after.includes(blocked.id));
  });

  it('exclusive lists', async () => {
    const reader = await follower('curator');
    assert.ok((await pushedTo()).includes(reader.id));
    const list = (await call(server.url, '/api/v1/lists', { token: reader.token, json: { title: 'speakers', exclusive: true } })).body;
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { token: reader.token, json: { account_ids: [authorId] } });
    assert.ok(!(await pushedTo()).includes(reader.id), 'in an exclusive list: out of the home');
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: reader.token, json: { exclusive: false } });
    assert.ok((await pushedTo()).includes(reader.id), 'the list is no longer exclusive');
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: reader.token, json: { exclusive: true } });
    assert.ok(!(await pushedTo()).includes(reader.id), 'exclusive again');
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'DELETE', token: reader.token, json: { account_ids: [authorId] } });
    assert.ok((await pushedTo()).includes(reader.id), 'out of the list');
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { token: reader.token, json: { account_ids: [authorId] } });
    assert.ok(!(await pushedTo()).includes(reader.id));
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'DELETE', token: reader.token });
    assert.ok((await pushedTo()).includes(reader.id), 'the list is gone');
  });

  it('suspensions', async () => {
    const reader = await follower('suspended');
    assert.ok((await pushedTo()).includes(reader.id));
    await server.app.core.accounts.setSuspended(reader.id, true);
    assert.ok(!(await pushedTo()).includes(reader.id), 'suspended');
    await server.app.core.accounts.setSuspended(reader.id, false);
    assert.ok((await pushedTo()).includes(reader.id), 'lifted');
  });

  it('replies, reblogs and direct messages are chosen as before', async () => {
    const fan = await follower('fan');
    const other = await signUp(server.url, 'other');
    const otherId = await idOf(other.token);
    const theirs = await call(server.url, '/api/v1/statuses', { token: other.token, json: { status: 'a question' } });
    await pushedTo();
    // A reply to someone the fan does not follow stays out of the fan's home.
    assert.ok(!(await pushedTo({ in_reply_to_id: theirs.body.id })).includes(fan.id));
    await call(server.url, `/api/v1/accounts/${otherId}/follow`, { method: 'POST', token: fan.token });
    assert.ok((await pushedTo({ in_reply_to_id: theirs.body.id })).includes(fan.id));
    const dm = await pushedTo({ status: `@fan only you`, visibility: 'direct' });
    assert.deepEqual(dm.sort(), [authorId, fan.id].sort());
  });
});
