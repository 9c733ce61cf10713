// Fan-out keeps each author's audience in memory (timelines/audiences): every change that moves a
// follower in or out of it must show on the author's very next post, with the audience already
// remembered from the post before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { clockPast } from '../helpers/wait.ts';

interface Person {
  token: string;
  id: string;
}

describe('audiences remembered by fan-out', () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  async function person(name: string): Promise<Person> {
    const { token } = await signUp(server.url, name);
    return { token, id: (await call(server.url, '/api/v1/accounts/verify_credentials', { token })).body.id };
  }

  /** Posts, waits for the fan-out, and tells whom the post was pushed to (and that feeds agree). */
  async function pushedTo(author: Person, json: Record<string, unknown> = {}): Promise<string[]> {
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

  async function follower(author: Person, name: string): Promise<Person> {
    const who = await person(name);
    await call(server.url, `/api/v1/accounts/${author.id}/follow`, { method: 'POST', token: who.token });
    return who;
  }

  it('follows and unfollows', async () => {
    const author = await person('speaker1');
    const early = await follower(author, 'early');
    assert.deepEqual((await pushedTo(author)).sort(), [author.id, early.id].sort());
    const late = await follower(author, 'late');
    assert.ok((await pushedTo(author)).includes(late.id), 'a new follower gets the next post');
    await call(server.url, `/api/v1/accounts/${author.id}/unfollow`, { method: 'POST', token: late.token });
    assert.ok(!(await pushedTo(author)).includes(late.id), 'an unfollow stops the next post');
  });

  it("follows' language choices", async () => {
    const author = await person('speaker2');
    const reader = await follower(author, 'polyglot');
    assert.ok((await pushedTo(author, { language: 'en' })).includes(reader.id));
    await call(server.url, `/api/v1/accounts/${author.id}/follow`, { method: 'POST', token: reader.token, json: { languages: ['fr'] } });
    assert.ok(!(await pushedTo(author, { language: 'en' })).includes(reader.id), 'English is no longer asked for');
    assert.ok((await pushedTo(author, { language: 'fr' })).includes(reader.id), 'French is');
  });

  it('mutes, for good and for a while', async () => {
    const author = await person('speaker3');
    const reader = await follower(author, 'muter');
    assert.ok((await pushedTo(author)).includes(reader.id));
    await call(server.url, `/api/v1/accounts/${author.id}/mute`, { method: 'POST', token: reader.token });
    assert.ok(!(await pushedTo(author)).includes(reader.id), 'muted');
    await call(server.url, `/api/v1/accounts/${author.id}/unmute`, { method: 'POST', token: reader.token });
    assert.ok((await pushedTo(author)).includes(reader.id), 'unmuted');
    await call(server.url, `/api/v1/accounts/${author.id}/mute`, { method: 'POST', token: reader.token, json: { duration: 2 } });
    assert.ok(!(await pushedTo(author)).includes(reader.id), 'muted for two seconds');
    // Its end is a moment on the clock, written nowhere else: wait for the clock to pass it.
    const { rows } = await server.app.database.pool.query('select expires_at from mutes where account_id = $1 and target_account_id = $2', [reader.id, author.id]);
    await clockPast(new Date(rows[0].expires_at).getTime());
    assert.ok((await pushedTo(author)).includes(reader.id), 'the mute has ended: no change was written, the remembered audience ended with it');
  });

  it('blocks, either way', async () => {
    const author = await person('speaker4');
    const blocker = await follower(author, 'blocker');
    const blocked = await follower(author, 'blocked');
    const both = await pushedTo(author);
    assert.ok(both.includes(blocker.id) && both.includes(blocked.id));
    await call(server.url, `/api/v1/accounts/${author.id}/block`, { method: 'POST', token: blocker.token });
    await call(server.url, `/api/v1/accounts/${blocked.id}/block`, { method: 'POST', token: author.token });
    const after = await pushedTo(author);
    assert.ok(!after.includes(blocker.id) && !after.includes(blocked.id));
  });

  it('exclusive lists', async () => {
    const author = await person('speaker5');
    const reader = await follower(author, 'curator');
    assert.ok((await pushedTo(author)).includes(reader.id));
    const list = (await call(server.url, '/api/v1/lists', { token: reader.token, json: { title: 'speakers', exclusive: true } })).body;
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { token: reader.token, json: { account_ids: [author.id] } });
    assert.ok(!(await pushedTo(author)).includes(reader.id), 'in an exclusive list: out of the home');
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: reader.token, json: { exclusive: false } });
    assert.ok((await pushedTo(author)).includes(reader.id), 'the list is no longer exclusive');
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'PUT', token: reader.token, json: { exclusive: true } });
    assert.ok(!(await pushedTo(author)).includes(reader.id), 'exclusive again');
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { method: 'DELETE', token: reader.token, json: { account_ids: [author.id] } });
    assert.ok((await pushedTo(author)).includes(reader.id), 'out of the list');
    await call(server.url, `/api/v1/lists/${list.id}/accounts`, { token: reader.token, json: { account_ids: [author.id] } });
    assert.ok(!(await pushedTo(author)).includes(reader.id));
    await call(server.url, `/api/v1/lists/${list.id}`, { method: 'DELETE', token: reader.token });
    assert.ok((await pushedTo(author)).includes(reader.id), 'the list is gone');
  });

  it('suspensions', async () => {
    const author = await person('speaker6');
    const reader = await follower(author, 'suspended');
    assert.ok((await pushedTo(author)).includes(reader.id));
    await server.app.core.accounts.setSuspended(reader.id, true);
    assert.ok(!(await pushedTo(author)).includes(reader.id), 'suspended');
    await server.app.core.accounts.setSuspended(reader.id, false);
    assert.ok((await pushedTo(author)).includes(reader.id), 'lifted');
  });

  it('replies, reblogs and direct messages are chosen as before', async () => {
    const author = await person('speaker7');
    const fan = await follower(author, 'fan');
    const other = await person('other');
    const otherId = other.id;
    const theirs = await call(server.url, '/api/v1/statuses', { token: other.token, json: { status: 'a question' } });
    await pushedTo(author);
    // A reply to someone the fan does not follow stays out of the fan's home.
    assert.ok(!(await pushedTo(author, { in_reply_to_id: theirs.body.id })).includes(fan.id));
    await call(server.url, `/api/v1/accounts/${otherId}/follow`, { method: 'POST', token: fan.token });
    assert.ok((await pushedTo(author, { in_reply_to_id: theirs.body.id })).includes(fan.id));
    const dm = await pushedTo(author, { status: `@fan only you`, visibility: 'direct' });
    assert.deepEqual(dm.sort(), [author.id, fan.id].sort());
  });
});
